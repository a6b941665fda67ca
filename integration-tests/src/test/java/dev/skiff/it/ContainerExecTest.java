package dev.skiff.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.TerminalSession;
import dev.skiff.it.harness.UnixHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker exec (exec.txt, exec-it.txt): namespaces, environment, user, exit codes, stdin, detach, a terminal, leaks. */
@SkiffTest
class ContainerExecTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sleeper(DockerCli docker, String prefix, String... runOptions) {
        String name = Containers.unique(prefix);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(List.of(runOptions));
        args.addAll(List.of("busybox", "sleep", "3600"));
        docker.run(args.toArray(String[]::new)).assertSuccess();
        return name;
    }

    @Test
    void execJoinsTheContainersUtsAndPidNamespaces(DockerCli docker) {
        String name = sleeper(docker, "exns");
        try {
            assertEquals(Containers.inspect(docker, name, "{{.Config.Hostname}}"),
                    docker.run("exec", name, "hostname").assertSuccess().stdout().trim());
            // busybox ps: PID USER TIME COMMAND; only the container's PID 1 and ps itself, no host process
            List<String> ps = docker.run("exec", name, "ps").assertSuccess().stdoutLines();
            assertEquals(3, ps.size(), String.join("\n", ps));
            assertTrue(ps.get(1).trim().matches("1 +root .*sleep 3600"), ps.get(1));
            assertTrue(ps.get(2).trim().matches("\\d+ +root .*ps"), ps.get(2));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void theExitCodeIsTheProcesss(DockerCli docker) {
        String name = sleeper(docker, "excode");
        try {
            CommandResult r = docker.run("exec", name, "sh", "-c", "echo out; echo err >&2; exit 7");
            r.assertExitCode(7);
            assertEquals("out\n", r.stdout());
            assertEquals("err\n", r.stderr());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void execsAreAnnouncedAsContainerEvents(DockerCli docker) {
        String name = sleeper(docker, "exev");
        try {
            long since = System.currentTimeMillis() / 1000 - 1;
            docker.run("exec", name, "sh", "-c", "exit 4").assertExitCode(4);
            String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
            List<String> actions = docker.run("events", "--since", Long.toString(since), "--until", until,
                    "--filter", "container=" + name, "--format", "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}")
                    .assertSuccess().stdoutLines().stream().filter(a -> a.startsWith("exec_")).toList();
            // dockerd's actions: the command after a colon (a space even without arguments), the exit code on exec_die
            assertEquals(List.of("exec_create: sh -c exit 4 ", "exec_start: sh -c exit 4 ", "exec_die 4"), actions);
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void envWorkdirAndUserOverrideTheContainers(DockerCli docker) {
        String name = sleeper(docker, "exenv", "-e", "FROMRUN=run", "-w", "/var", "-u", "user");
        try {
            assertEquals("1 /tmp 1000\n", docker.run("exec", "-e", "A=1", "-w", "/tmp", "-u", "1000", name,
                    "sh", "-c", "echo $A $(pwd) $(id -u)").assertSuccess().stdout());
            // without overrides: the container's environment, working directory and user (a name from its passwd)
            assertEquals("run /var 1000 1000 /home/user\n", docker.run("exec", name,
                    "sh", "-c", "echo $FROMRUN $(pwd) $(id -u) $(id -g) $HOME").assertSuccess().stdout());
            assertEquals("0\n", docker.run("exec", "-u", "root", name, "id", "-u").assertSuccess().stdout());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void aMissingProgramGivesTheOciErrorAndExit126(DockerCli docker) {
        String name = sleeper(docker, "exmiss");
        try {
            CommandResult r = docker.run("exec", name, "/nonexistent");
            r.assertExitCode(126);
            assertEquals("OCI runtime exec failed: exec failed: unable to start container process: exec: "
                    + "\"/nonexistent\": stat /nonexistent: no such file or directory: unknown\r\n", r.stdout());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void aStoppedOrPausedContainerIsRefused(DockerCli docker) {
        String name = Containers.unique("exstop");
        String id = docker.run("create", "--name", name, "busybox", "true").assertSuccess().stdout().trim();
        try {
            CommandResult r = docker.run("exec", name, "ls");
            r.assertExitCode(1);
            assertEquals("Error response from daemon: Container " + id + " is not running\n", r.stderr());
            assertEquals(1, docker.run("exec", "nosuch-" + name, "ls").exitCode());
        } finally {
            Containers.removeAll(docker, name);
        }
        String paused = sleeper(docker, "expause");
        try {
            docker.run("pause", paused).assertSuccess();
            String pid = Containers.inspect(docker, paused, "{{.Id}}");
            CommandResult r = docker.run("exec", paused, "true");
            r.assertExitCode(1);
            assertEquals("Error response from daemon: Container " + pid
                    + " is paused, unpause the container before exec\n", r.stderr());
        } finally {
            docker.run("unpause", paused);
            Containers.removeAll(docker, paused);
        }
    }

    @Test
    void pipedStdinReachesTheProcessAndItsEofEndsIt(DockerCli docker) {
        String name = sleeper(docker, "exin");
        try {
            CommandResult r = docker.run("piped-in\n".getBytes(StandardCharsets.UTF_8), WAIT, "exec", "-i", name, "cat");
            r.assertSuccess();
            assertEquals("piped-in\n", r.stdout());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void detachedExecRunsOnAndIsListedWhileItRuns(DockerCli docker) {
        String name = sleeper(docker, "exdet");
        try {
            CommandResult r = docker.run("exec", "-d", name, "sh", "-c", "echo detached > /tmp/d; sleep 3600");
            r.assertSuccess();
            assertEquals("", r.stdout());
            Containers.await("the detached exec's file", WAIT,
                    () -> docker.run("exec", name, "cat", "/tmp/d").stdout().equals("detached\n"));
            JsonNode inspect = docker.json("inspect", name).get(0);
            assertEquals(1, inspect.get("ExecIDs").size(), "only the running exec is listed: " + inspect.get("ExecIDs"));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void execItIsInteractiveOnARealTerminal(DockerCli docker) {
        String name = sleeper(docker, "exit");
        try (TerminalSession t = docker.terminal("exec", "-it", name, "sh")) {
            t.awaitText("/ #", WAIT);
            t.type("tty; stty size; echo $TERM");
            t.sendKeys("Enter");
            t.awaitText("/dev/pts/0", WAIT);
            t.awaitText("30 100", WAIT);
            t.awaitText("xterm", WAIT);
            t.resize(90, 25);
            ContainerTerminalTest.awaitTerminalSize(t, "25 90");
            t.type("exit");
            t.sendKeys("Enter");
            assertEquals(0, t.awaitExit(WAIT));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void anApiClientDetachesFromATtyExecWithItsDetachKeys(DockerCli docker, SkiffDaemon daemon) throws IOException {
        // the docker CLI catches the keys itself; other API clients rely on the daemon (README §5.4)
        String name = sleeper(docker, "exdkeys");
        try {
            UnixHttp.Response created = UnixHttp.request(daemon.socket(), "POST", "/v1.41/containers/" + name + "/exec",
                    ("{\"Cmd\":[\"sh\"],\"Tty\":true,\"AttachStdin\":true,\"AttachStdout\":true,"
                            + "\"AttachStderr\":true,\"DetachKeys\":\"ctrl-x\"}").getBytes(StandardCharsets.UTF_8),
                    "application/json");
            assertEquals(201, created.status(), created.bodyText());
            String execId = JSON.readTree(created.body()).get("Id").asText();
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(daemon.socket()));
                byte[] body = "{\"Detach\":false,\"Tty\":true}".getBytes(StandardCharsets.UTF_8);
                ch.write(ByteBuffer.wrap(("POST /v1.41/exec/" + execId + "/start HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                ch.write(ByteBuffer.wrap(body));
                InputStream in = Channels.newInputStream(ch);
                StringBuilder head = new StringBuilder();
                while (head.indexOf("\r\n\r\n") < 0) {
                    int c = in.read();
                    assertTrue(c >= 0, "connection closed in the response head: " + head);
                    head.append((char) c);
                }
                assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
                ch.write(ByteBuffer.wrap("echo typed > /tmp/typed\r\u0018".getBytes(StandardCharsets.US_ASCII)));
                // the daemon ends the session on the detach keys (a hang here is the failure)
                assertTimeoutPreemptively(WAIT, () -> in.readAllBytes());
            }
            Containers.await("the typed command", WAIT,
                    () -> docker.run("exec", name, "cat", "/tmp/typed").stdout().equals("typed\n"));
            JsonNode inspect = JSON.readTree(UnixHttp.get(daemon.socket(), "/v1.41/exec/" + execId + "/json").body());
            assertTrue(inspect.get("Running").asBoolean(), "the shell outlives the detach: " + inspect);
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void manyExecsLeaveNoFdThreadOrZombieInTheDaemon(PrivateDaemons daemons) throws Exception {
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        String name = sleeper(docker, "exleak");
        // lazily started daemon threads (every HTTP event loop, the reaper) exist after a few execs
        for (int i = 0; i < 10; i++) {
            docker.run("exec", name, "true").assertSuccess();
        }
        long pid = daemon.pid();
        Resources before = Resources.of(pid);
        for (int i = 0; i < 200; i++) {
            docker.run("exec", name, "sh", "-c", "echo " + i).assertSuccess();
        }
        // idle worker threads end after a few seconds, and the last connections close asynchronously
        long deadline = System.nanoTime() + WAIT.toNanos();
        Resources now = Resources.of(pid);
        while ((now.fds > before.fds || now.threads > before.threads) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = Resources.of(pid);
        }
        assertTrue(now.fds <= before.fds && now.threads <= before.threads, "before " + before + ", after " + now
                + "; threads: " + threadNames(pid));
        assertEquals(0, Resources.of(pid).zombies, "zombie children of skiffd");
        Containers.removeAll(docker, name);
    }

    private static List<String> threadNames(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(t -> Resources.readOrEmpty(t.resolve("comm")).trim()).sorted().toList();
        }
    }

    /** What a process holds: open fds, threads, zombie children. */
    private record Resources(int fds, int threads, int zombies) {
        static Resources of(long pid) {
            Path proc = Path.of("/proc", Long.toString(pid));
            try (Stream<Path> fds = Files.list(proc.resolve("fd"));
                 Stream<Path> tasks = Files.list(proc.resolve("task"))) {
                List<Path> taskList = tasks.toList();
                int zombies = 0;
                for (Path task : taskList) {
                    String children = readOrEmpty(task.resolve("children")).trim();
                    for (String child : children.isEmpty() ? new String[0] : children.split(" ")) {
                        String stat = readOrEmpty(Path.of("/proc", child, "stat"));
                        // the state follows the command name in parentheses
                        int close = stat.lastIndexOf(')');
                        if (close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z') {
                            zombies++;
                        }
                    }
                }
                return new Resources((int) fds.count(), taskList.size(), zombies);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + proc + ": " + e);
            }
        }

        private static String readOrEmpty(Path p) {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
