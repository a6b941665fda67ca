package dev.skiff.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.attach.AttachSession;
import dev.skiff.daemon.attach.DetachKeys;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.events.Event;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.logs.LogEntry;
import dev.skiff.daemon.logs.LogQuery;
import dev.skiff.runtime.ProcessStartException;
import dev.skiff.runtime.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle against a test double of the runtime: states, their persistence, policies, texts. */
class ContainerServiceTest {
    @TempDir
    Path tmp;
    private FakeRuntime runtime;
    private final EventBus events = new EventBus();
    private TestImages images;
    private ContainerService service;
    private Path dataRoot;

    @BeforeEach
    void setUp() throws IOException {
        runtime = new FakeRuntime();
        dataRoot = tmp.resolve("data");
        Path layer = Files.createDirectories(tmp.resolve("layer/etc"));
        Files.writeString(layer.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
        Files.writeString(layer.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
        images = new TestImages(tmp.resolve("layer"));
        service = newService();
    }

    private ContainerService newService() {
        return new ContainerService(runtime, images, events, dataRoot, tmp.resolve("exec"),
                Map.of(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private static JsonNode body(String json) throws IOException {
        return Json.MAPPER.readTree(json);
    }

    private String create(String name, String json) throws IOException {
        return service.create(name, body(json)).id();
    }

    @SuppressWarnings("unchecked")
    private void awaitStatus(String ref, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!status.equals(state(ref).get("Status")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(status, state(ref).get("Status"));
    }

    private Map<String, Object> state(String ref) {
        return (Map<String, Object>) service.inspect(ref, false).get("State");
    }

    private ContainerRecord diskRecord(String id) throws IOException {
        return ContainerJson.MAPPER.readValue(dataRoot.resolve("containers").resolve(id).resolve("config.v2.json").toFile(),
                ContainerRecord.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void createMergesTheImageConfigAndLaysOutTheDirectory() throws IOException {
        String id = create("web", "{\"Image\":\"busybox\",\"Env\":[\"FOO=bar\"],\"Labels\":{\"tier\":\"demo\"}}");
        assertEquals(64, id.length());
        Path dir = dataRoot.resolve("containers").resolve(id);
        assertEquals(id.substring(0, 12) + "\n", Files.readString(dir.resolve("hostname")));
        assertTrue(Files.readString(dir.resolve("hosts")).startsWith("127.0.0.1\tlocalhost\n"));
        assertTrue(Files.isDirectory(dir.resolve("upper")) && Files.isDirectory(dir.resolve("work")));
        Map<String, Object> inspect = service.inspect("web", false);
        assertEquals("/web", inspect.get("Name"));
        assertEquals("sh", inspect.get("Path"));
        assertEquals(TestImages.BUSYBOX_ID, inspect.get("Image"));
        Map<String, Object> config = (Map<String, Object>) inspect.get("Config");
        assertEquals(List.of("FOO=bar", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), config.get("Env"));
        assertEquals(Map.of("from", "image", "tier", "demo"), config.get("Labels"));
        assertEquals("created", state("web").get("Status"));
        assertEquals("created", diskRecord(id).state().status().apiName());
        assertEquals(List.of(id), service.containersUsingImage(TestImages.BUSYBOX_ID));
    }

    @Test
    void fileTasksMountAStoppedRootForTheirDurationOnly() throws IOException {
        String id = create("files", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
        ContainerService.Filesystem seen = service.withFilesystem("files", fs -> {
            service.withFilesystem(id, inner -> null);
            assertEquals(List.of(), runtime.teardowns, "the outer task still uses the root");
            return fs;
        });
        assertEquals(List.of(id), runtime.teardowns);
        assertEquals(id, seen.record().id());
        assertEquals(dataRoot.resolve("containers").resolve(id).resolve("upper"), seen.upper());
        assertEquals(List.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf"),
                seen.mounts().stream().map(dev.skiff.runtime.BindMount::destination).toList());

        service.start("files");
        runtime.teardowns.clear();
        service.withFilesystem("files", fs -> null);
        assertEquals(List.of(), runtime.teardowns, "a running container keeps its root");
        EngineException unknown = assertThrows(EngineException.class, () -> service.withFilesystem("nope", fs -> null));
        assertEquals(ErrorKind.NOT_FOUND, unknown.kind());
    }

    @Test
    void createRejectsBadNamesTakenNamesUnknownImagesAndRmWithRestart() throws IOException {
        String holder = create("taken", "{\"Image\":\"busybox\"}");
        EngineException conflict = assertThrows(EngineException.class, () -> create("taken", "{\"Image\":\"busybox\"}"));
        assertEquals(ErrorKind.CONFLICT, conflict.kind());
        assertEquals("Conflict. The container name \"/taken\" is already in use by container \"" + holder
                + "\". You have to remove (or rename) that container to be able to reuse that name.", conflict.getMessage());
        EngineException bad = assertThrows(EngineException.class, () -> create("a", "{\"Image\":\"busybox\"}"));
        assertEquals("Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", bad.getMessage());
        EngineException noImage = assertThrows(EngineException.class, () -> create(null, "{\"Image\":\"nosuch\"}"));
        assertEquals(ErrorKind.NOT_FOUND, noImage.kind());
        assertEquals("No such image: nosuch:latest", noImage.getMessage());
        EngineException rm = assertThrows(EngineException.class, () -> create(null,
                "{\"Image\":\"busybox\",\"HostConfig\":{\"AutoRemove\":true,\"RestartPolicy\":{\"Name\":\"always\"}}}"));
        assertEquals("can't create 'AutoRemove' container with restart policy", rm.getMessage());
        assertEquals(1, service.list(true, -1, false, Filters.NONE).size());
    }

    @Test
    void runRecordsOutputInTheLogAndTheExitCode() throws Exception {
        String id = create("job", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 3\"],\"User\":\"nobody\"}");
        CompletableFuture<WaitResult> exit = service.waitFor("job", WaitCondition.NEXT_EXIT);
        service.start("job");
        FakeRuntime.FakeContainer c = runtime.nextStarted();
        assertEquals(List.of("sh", "-c", "exit 3"), c.spec.process().args());
        assertEquals(65534, c.spec.process().uid());
        assertTrue(c.spec.process().env().contains("HOME=/home"));
        assertEquals("running", state(id).get("Status"));
        assertEquals(c.pid, state(id).get("Pid"));
        assertEquals("running", diskRecord(id).state().status().apiName());
        EngineException again = assertThrows(EngineException.class, () -> service.start("job"));
        assertEquals(ErrorKind.NOT_MODIFIED, again.kind());

        c.stdout.write("out 1\n");
        c.stderr.write("err 1\n");
        c.exit(3);
        assertEquals(new WaitResult(3, null), exit.get(5, TimeUnit.SECONDS));
        assertEquals("exited", state(id).get("Status"));
        assertEquals(3, state(id).get("ExitCode"));
        assertEquals(3, diskRecord(id).state().exitCode());
        assertTrue(runtime.teardowns.contains(id));

        List<String> lines = new ArrayList<>();
        service.stdio("job").readLogs(new LogQuery(true, true, null, null, LogQuery.ALL, false),
                (LogEntry e) -> lines.add(e.stream() + ":" + new String(e.line(), StandardCharsets.UTF_8)), () -> false);
        assertEquals(Set.of("stdout:out 1\n", "stderr:err 1\n"), Set.copyOf(lines));
        assertEquals(new WaitResult(3, null), service.waitFor("job", WaitCondition.NOT_RUNNING).get(1, TimeUnit.SECONDS));
    }

    @Test
    void theProcessEnvironmentIsOrderedAsDockerdOrdersIt() throws Exception {
        String id = create(null, "{\"Image\":\"busybox\",\"Env\":[\"FOO=bar\",\"FROMCLI=yes\",\"UNSETVAR\"],\"Cmd\":[\"env\"]}");
        service.start(id);
        List<String> env = runtime.nextStarted().spec.process().env();
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOSTNAME=" + id.substring(0, 12), "FOO=bar", "FROMCLI=yes", "HOME=/root"), env);
    }

    @Test
    void anAttachMissesNoOutputOfAProcessThatEndsBeforeTheClientIsReady() throws Exception {
        String id = create(null, "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"]}");
        AttachSession session = new AttachSession(service.attach(id),
                new AttachSession.Options(false, true, true, false, true, DetachKeys.parse(null)));
        service.start(id);
        FakeRuntime.FakeContainer c = runtime.nextStarted();
        c.stdout.write("hi\n");
        c.exit(0);
        java.io.ByteArrayOutputStream client = new java.io.ByteArrayOutputStream();
        session.run(java.io.InputStream.nullInputStream(), client);
        assertEquals("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003hi\n", client.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedStartRecordsDockerdsErrorAndExitCodeAndHonoursAutoRemove() throws Exception {
        String id = create(null, "{\"Image\":\"busybox\",\"Cmd\":[\"/nonexistent\"],\"HostConfig\":{\"AutoRemove\":true}}");
        CompletableFuture<WaitResult> removed = service.waitFor(id, WaitCondition.REMOVED);
        runtime.failNextStart = new ProcessStartException(ProcessStartException.Reason.EXECUTABLE_NOT_FOUND, 127,
                "exec: \"/nonexistent\": stat /nonexistent: no such file or directory");
        EngineException e = assertThrows(EngineException.class, () -> service.start(id));
        assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
        assertEquals("failed to create shim task: OCI runtime create failed: runc create failed: unable to start "
                + "container process: exec: \"/nonexistent\": stat /nonexistent: no such file or directory: unknown",
                e.getMessage());
        assertEquals(127, removed.get(5, TimeUnit.SECONDS).statusCode());
        assertFalse(Files.exists(dataRoot.resolve("containers").resolve(id)));
        assertThrows(EngineException.class, () -> service.inspect(id, false));
    }

    @Test
    void aFailedStartLeavesTheContainerCreatedWithItsError() throws Exception {
        String id = create("badcmd", "{\"Image\":\"busybox\",\"Cmd\":[\"/etc/passwd\"]}");
        runtime.failNextStart = new ProcessStartException(ProcessStartException.Reason.NOT_EXECUTABLE, 126,
                "exec: \"/etc/passwd\": permission denied");
        assertThrows(EngineException.class, () -> service.start(id));
        assertEquals("created", state(id).get("Status"));
        assertEquals(126, state(id).get("ExitCode"));
        assertTrue(((String) state(id).get("Error")).endsWith("permission denied: unknown"));
        assertEquals("Created", service.list(true, -1, false, Filters.NONE).get(0).get("Status"));
    }

    @Test
    void stopSendsTheStopSignalThenKillsAfterTheTimeout() throws Exception {
        String id = create("stopme", "{\"Image\":\"busybox\",\"StopSignal\":\"SIGUSR1\"}");
        service.start(id);
        FakeRuntime.FakeContainer c = runtime.nextStarted();
        runtime.fatalSignals = Set.of(9);
        service.stop("stopme", 0);
        assertEquals(List.of(10, 9), c.signals);
        assertEquals("exited", state(id).get("Status"));
        assertEquals(137, state(id).get("ExitCode"));
        EngineException again = assertThrows(EngineException.class, () -> service.stop("stopme", null));
        assertEquals(ErrorKind.NOT_MODIFIED, again.kind());
    }

    @Test
    void killTextsAndSignals() throws Exception {
        String id = create("killme", "{\"Image\":\"busybox\"}");
        EngineException notRunning = assertThrows(EngineException.class, () -> service.kill("killme", null));
        assertEquals(ErrorKind.CONFLICT, notRunning.kind());
        assertEquals("Cannot kill container: killme: Container " + id + " is not running", notRunning.getMessage());
        EngineException unknown = assertThrows(EngineException.class, () -> service.kill("nosuchctr", null));
        assertEquals("Cannot kill container: nosuchctr: No such container: nosuchctr", unknown.getMessage());
        EngineException invalid = assertThrows(EngineException.class, () -> service.kill("killme", "NOSUCHSIG"));
        assertEquals("Invalid signal: NOSUCHSIG", invalid.getMessage());

        service.start(id);
        FakeRuntime.FakeContainer c = runtime.nextStarted();
        service.kill("killme", "HUP");
        service.kill("killme", "SIGWINCH");
        assertEquals("running", state(id).get("Status"));
        service.kill("killme", null);
        assertEquals(List.of(1, 28, 9), c.signals);
        assertEquals(137, state(id).get("ExitCode"));
    }

    @Test
    void alwaysRestartsUntilStoppedByAClient() throws Exception {
        String id = create("rs", "{\"Image\":\"busybox\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\"}}}");
        service.start(id);
        FakeRuntime.FakeContainer first = runtime.nextStarted();
        CompletableFuture<WaitResult> nextExit = service.waitFor(id, WaitCondition.NEXT_EXIT);
        first.exit(1);
        assertEquals(1, nextExit.get(5, TimeUnit.SECONDS).statusCode());
        FakeRuntime.FakeContainer second = runtime.nextStarted();
        // inspect does not wait for the monitor: the restart is recorded just after the runtime started it
        awaitStatus(id, "running");
        assertEquals(1, service.inspect(id, false).get("RestartCount"));
        service.stop(id, 1);
        assertTrue(second.signals.contains(15));
        assertEquals("exited", state(id).get("Status"));
        assertNull(runtime.started.poll(300, TimeUnit.MILLISECONDS), "a stopped container must stay down");
        assertTrue(diskRecord(id).hasBeenManuallyStopped());
    }

    @Test
    void onFailureGivesUpAfterItsRetries() throws Exception {
        String id = create(null, "{\"Image\":\"busybox\",\"HostConfig\":{\"RestartPolicy\":"
                + "{\"Name\":\"on-failure\",\"MaximumRetryCount\":1}}}");
        service.start(id);
        runtime.nextStarted().exit(2);
        runtime.nextStarted().exit(2);
        assertNull(runtime.started.poll(500, TimeUnit.MILLISECONDS));
        assertEquals(new WaitResult(2, null), service.waitFor(id, WaitCondition.NOT_RUNNING).get(5, TimeUnit.SECONDS));
        assertEquals(1, service.inspect(id, false).get("RestartCount"));
    }

    @Test
    void removeRefusesARunningContainerUnlessForced() throws Exception {
        String id = create("rmrun", "{\"Image\":\"busybox\"}");
        service.start(id);
        runtime.nextStarted();
        EngineException e = assertThrows(EngineException.class, () -> service.remove("rmrun", false));
        assertEquals("You cannot remove a running container " + id
                + ". Stop the container before attempting removal or force remove", e.getMessage());
        CompletableFuture<WaitResult> removed = service.waitFor(id, WaitCondition.REMOVED);
        service.remove("rmrun", true);
        assertEquals(137, removed.get(5, TimeUnit.SECONDS).statusCode());
        assertFalse(Files.exists(dataRoot.resolve("containers").resolve(id)));
        EngineException gone = assertThrows(EngineException.class, () -> service.remove("rmrun", false));
        assertEquals("No such container: rmrun", gone.getMessage());
        create("rmrun", "{\"Image\":\"busybox\"}");
    }

    @Test
    void autoRemoveDeletesTheContainerAfterItsExitWithDockerdsEvents() throws Exception {
        EventBus.Subscription seen = events.subscribe(-1, e -> true);
        String id = create("once", "{\"Image\":\"busybox\",\"HostConfig\":{\"AutoRemove\":true}}");
        CompletableFuture<WaitResult> removed = service.waitFor(id, WaitCondition.REMOVED);
        service.attach(id);
        service.start(id);
        runtime.nextStarted().exit(0);
        assertEquals(new WaitResult(0, null), removed.get(5, TimeUnit.SECONDS));
        assertTrue(service.list(true, -1, false, Filters.NONE).isEmpty());
        List<Event> got = seen.drain();
        assertEquals(List.of("create", "attach", "start", "die", "destroy"), got.stream().map(Event::action).toList());
        Event die = got.get(3);
        assertEquals(id, die.actorId());
        assertEquals(Map.of("image", "busybox", "name", "once", "exitCode", "0", "from", "image"), die.attributes());
    }

    @Test
    void aRestartedDaemonFindsEveryContainerAndReconcilesTheRunningOnes() throws Exception {
        String plain = create("plain", "{\"Image\":\"busybox\"}");
        String always = create("always", "{\"Image\":\"busybox\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\"}}}");
        String created = create("never", "{\"Image\":\"busybox\"}");
        service.start(plain);
        service.start(always);
        runtime.nextStarted();
        runtime.nextStarted();
        // the daemon dies without any shutdown work (kill -9): a second service reads the same disk
        ContainerService restarted = newService();
        restarted.restore();
        try {
            assertEquals(3, restarted.list(true, -1, false, Filters.NONE).size());
            assertTrue(runtime.teardowns.containsAll(List.of(plain, always, created)));
            Map<String, Object> plainState = stateOf(restarted, plain);
            assertEquals("exited", plainState.get("Status"));
            assertEquals(255, plainState.get("ExitCode"));
            runtime.nextStarted();
            assertEquals("running", stateOf(restarted, always).get("Status"));
            assertEquals("created", stateOf(restarted, created).get("Status"));
        } finally {
            restarted.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stateOf(ContainerService s, String ref) {
        return (Map<String, Object>) s.inspect(ref, false).get("State");
    }

    @Test
    void renameKeepsNamesUnique() throws Exception {
        create("renme", "{\"Image\":\"busybox\"}");
        String other = create("workbox", "{\"Image\":\"busybox\"}");
        service.rename("renme", "renamed");
        assertEquals("/renamed", service.inspect("renamed", false).get("Name"));
        assertThrows(EngineException.class, () -> service.inspect("renme", false));
        EngineException e = assertThrows(EngineException.class, () -> service.rename("renamed", "workbox"));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals("Error when allocating new name: Conflict. The container name \"/workbox\" is already in use by "
                + "container \"" + other + "\". You have to remove (or rename) that container to be able to reuse that name.",
                e.getMessage());
        create("renme", "{\"Image\":\"busybox\"}");
    }

    @Test
    void attachIsRefusedWhilePausedAndAllowedWhenCreated() throws Exception {
        String id = create("attachme", "{\"Image\":\"busybox\"}");
        service.attach("attachme");
        service.start(id);
        runtime.nextStarted();
        service.pause(id);
        EngineException e = assertThrows(EngineException.class, () -> service.attach("attachme"));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals("container attachme is paused, unpause the container before attach", e.getMessage());
        service.unpause(id);
        service.attach("attachme");
    }

    @Test
    void pauseAndUnpauseUseDockerdsStatusesAndTexts() throws Exception {
        String id = create("pauseme", "{\"Image\":\"busybox\"}");
        service.start(id);
        FakeRuntime.FakeContainer c = runtime.nextStarted();
        service.pause(id);
        assertTrue(c.paused);
        assertEquals("paused", state(id).get("Status"));
        assertTrue(((String) service.list(false, -1, false, Filters.NONE).get(0).get("Status")).endsWith("(Paused)"));
        EngineException twice = assertThrows(EngineException.class, () -> service.pause(id));
        assertEquals("Container " + id + " is already paused", twice.getMessage());
        assertEquals("Container " + id + " is paused, unpause the container before exec",
                assertThrows(EngineException.class, () -> service.running(id)).getMessage());
        service.unpause(id);
        assertEquals(c, service.running(id).process());
        EngineException notPaused = assertThrows(EngineException.class, () -> service.unpause(id));
        assertEquals(ErrorKind.SYSTEM, notPaused.kind());
        assertEquals("Container " + id + " is not paused", notPaused.getMessage());
    }

    @Test
    void pruneRemovesOnlyStoppedContainersTheFiltersSelect() throws Exception {
        String running = create(null, "{\"Image\":\"busybox\",\"Labels\":{\"apiref\":\"1\"}}");
        String stopped = create(null, "{\"Image\":\"busybox\",\"Labels\":{\"apiref\":\"1\"}}");
        String other = create(null, "{\"Image\":\"busybox\"}");
        service.start(running);
        runtime.nextStarted();
        ContainerService.Pruned p = service.prune(Filters.parse("{\"label\":{\"apiref=1\":true}}"));
        assertEquals(List.of(stopped), p.deleted());
        assertEquals(2, service.list(true, -1, false, Filters.NONE).size());
        assertTrue(service.list(true, -1, false, Filters.NONE).stream().anyMatch(m -> m.get("Id").equals(other)));
    }

    @Test
    void listShowsRunningOnlyUnlessAllAndAppliesFilters() throws Exception {
        String a = create("alpha", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"]}");
        create("beta", "{\"Image\":\"busybox\"}");
        service.start(a);
        runtime.nextStarted();
        List<Map<String, Object>> running = service.list(false, -1, false, Filters.NONE);
        assertEquals(1, running.size());
        Map<String, Object> entry = running.get(0);
        assertEquals(List.of("/alpha"), entry.get("Names"));
        assertEquals("sleep 1000", entry.get("Command"));
        assertEquals("running", entry.get("State"));
        assertEquals("Up Less than a second", entry.get("Status"));
        assertEquals(2, service.list(true, -1, false, Filters.NONE).size());
        assertEquals(1, service.list(true, -1, false, Filters.parse("{\"status\":{\"created\":true}}")).size());
        assertEquals(1, service.list(false, 1, false, Filters.NONE).size());
        Map<String, Object> sized = service.list(false, -1, true, Filters.NONE).get(0);
        assertEquals(1984172L, sized.get("SizeRootFs"));
        assertFalse(sized.containsKey("SizeRw"));
        images.retagBusybox();
        assertEquals(TestImages.BUSYBOX_ID, service.list(false, -1, false, Filters.NONE).get(0).get("Image"),
                "once busybox names another image, the old image's id is shown");
        EngineException bogus = assertThrows(EngineException.class,
                () -> service.list(false, -1, false, Filters.parse("{\"bogus\":{\"1\":true}}")));
        assertEquals("Invalid filter 'bogus'", bogus.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMemoryLimitAloneIsStoredWithTwiceItsSizeAsMemoryPlusSwap() throws Exception {
        create("mem", "{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":67108864}}");
        create("memsw", "{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":67108864,\"MemorySwap\":-1}}");
        create("nomem", "{\"Image\":\"busybox\"}");
        assertEquals(134217728L, ((Map<String, Object>) service.inspect("mem", false).get("HostConfig")).get("MemorySwap"));
        assertEquals(-1L, ((Map<String, Object>) service.inspect("memsw", false).get("HostConfig")).get("MemorySwap"));
        assertEquals(0L, ((Map<String, Object>) service.inspect("nomem", false).get("HostConfig")).get("MemorySwap"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void updateWritesTheRunningContainersLimitsAndRecordsThemForTheNextStart() throws Exception {
        EventBus.Subscription seen = events.subscribe(-1, e -> true);
        String id = create("limited", "{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":67108864}}");
        service.start(id);
        FakeRuntime.FakeContainer c = runtime.nextStarted();
        assertEquals(List.of(), service.update("limited", body("{\"Memory\":134217728,\"NanoCpus\":500000000,"
                + "\"PidsLimit\":-1,\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":0}}"), true));
        assertEquals(new Resources(128L << 20, 128L << 20, 500_000_000L, 0), c.updated);
        Map<String, Object> host = (Map<String, Object>) service.inspect(id, false).get("HostConfig");
        assertEquals(134217728L, host.get("Memory"));
        assertEquals(134217728L, host.get("MemorySwap"));
        assertEquals(500000000L, host.get("NanoCpus"));
        assertEquals(0L, host.get("PidsLimit"), "0 and -1 both mean unlimited, recorded as 0");
        assertEquals("always", ((Map<String, Object>) host.get("RestartPolicy")).get("Name"));
        assertEquals(134217728L, diskRecord(id).hostConfig().memory());

        service.kill(id, "KILL");
        assertEquals(List.of(), service.update(id, body("{\"CpuShares\":512,\"PidsLimit\":20}"), true));
        assertEquals(new Resources(128L << 20, 128L << 20, 500_000_000L, 0), c.updated,
                "a stopped container's update is only recorded");
        service.start(id);
        assertEquals(new Resources(128L << 20, 128L << 20, 500_000_000L, 20, 512, 0, 0),
                runtime.nextStarted().spec.resources());
        assertEquals(2, seen.drain().stream().filter(e -> e.action().equals("update")).count());
    }

    @Test
    void updateFailuresAreDockerds() throws Exception {
        String id = create("plain", "{\"Image\":\"busybox\",\"HostConfig\":{\"AutoRemove\":true}}");
        EngineException small = assertThrows(EngineException.class,
                () -> service.update(id, body("{\"Memory\":1024}"), true));
        assertEquals(ErrorKind.INVALID_PARAMETER, small.kind());
        assertEquals("Minimum memory limit allowed is 6MB", small.getMessage());
        EngineException swap = assertThrows(EngineException.class,
                () -> service.update("plain", body("{\"Memory\":134217728}"), true));
        assertEquals(ErrorKind.CONFLICT, swap.kind());
        assertEquals("Cannot update container " + id + ": Memory limit should be smaller than already set memoryswap "
                + "limit, update the memoryswap at the same time", swap.getMessage());
        EngineException restart = assertThrows(EngineException.class,
                () -> service.update("plain", body("{\"RestartPolicy\":{\"Name\":\"always\"}}"), true));
        assertEquals(ErrorKind.CONFLICT, restart.kind());
        assertEquals("Cannot update container " + id + ": Restart policy cannot be updated because AutoRemove is "
                + "enabled for the container", restart.getMessage());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(EngineException.class,
                () -> service.update("nosuch", body("{}"), true)).kind());
        assertEquals(0, diskRecord(id).hostConfig().memory(), "nothing was recorded");
    }
}
