package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.fixtures.HelloWorldProgram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a container is: its own PID 1, hostname and writable layer, stopped by signals, leaving nothing behind. */
@SkiffTest
class ContainerIsolationTest {

    @Test
    void helloWorldPrintsDockersText(DockerCli docker) {
        CommandResult r = docker.run("run", "--rm", "hello-world").assertSuccess();
        assertEquals(HelloWorldProgram.expectedOutput(), r.stdout());
    }

    @Test
    void theProgramIsPid1OfItsOwnHostAndItsExitCodeIsKept(DockerCli docker) {
        String name = Containers.unique("pid1");
        CommandResult r = docker.run("run", "--name", name, "busybox", "sh", "-c", "echo $$; hostname; exit 3");
        r.assertExitCode(3);
        String id = Containers.inspect(docker, name, "{{.Id}}");
        assertEquals("1\n" + id.substring(0, 12) + "\n", r.stdout());
        String status = docker.run("ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}")
                .assertSuccess().stdout();
        assertTrue(status.startsWith("Exited (3) "), status);
        Containers.removeAll(docker, name);
    }

    @Test
    void stopWaitsForTheTimeoutThenKillsAndATrappingProcessExitsGracefully(DockerCli docker) {
        String stubborn = Containers.unique("stubborn");
        String polite = Containers.unique("polite");
        // PID 1 without a TERM handler does not die of SIGTERM: only the SIGKILL after -t ends it
        docker.run("run", "-d", "--name", stubborn, "busybox", "sh", "-c", "while true; do sleep 0.1; done")
                .assertSuccess();
        docker.run("run", "-d", "--name", polite, "busybox", "sh", "-c",
                "trap 'echo bye; exit 0' TERM; while true; do sleep 0.1; done").assertSuccess();

        long t0 = System.nanoTime();
        docker.run("stop", "-t", "2", stubborn).assertSuccess();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0, "stop returned after " + took);
        assertEquals("exited 137", Containers.inspect(docker, stubborn, "{{.State.Status}} {{.State.ExitCode}}"));

        docker.run("stop", "-t", "10", polite).assertSuccess();
        assertEquals("exited 0", Containers.inspect(docker, polite, "{{.State.Status}} {{.State.ExitCode}}"));
        assertEquals("bye\n", docker.run("logs", polite).assertSuccess().stdout());
        Containers.removeAll(docker, stubborn, polite);
    }

    @Test
    void restartGivesANewProcessAndKeepsTheWritableLayer(DockerCli docker) {
        String name = Containers.unique("keep");
        docker.run("run", "-d", "--name", name, "busybox", "sh", "-c",
                "cat /kept 2>/dev/null; echo written > /kept; sleep 1000").assertSuccess();
        String pid = Containers.inspect(docker, name, "{{.State.Pid}}");
        docker.run("restart", "-t", "1", name).assertSuccess();
        String again = Containers.inspect(docker, name, "{{.State.Pid}}");
        assertNotEquals(pid, again);
        Containers.await("the restarted container to read its file", Duration.ofSeconds(10),
                () -> docker.run("logs", name).stdout().equals("written\n"));
        Containers.removeAll(docker, name);
    }

    @Test
    void memoryAndCpuLimitsReachTheContainersCgroup(DockerCli docker) {
        // the commands of run-m.txt and run-cpus.txt: cgroup v2 files first, then v1
        assertEquals("67108864\n", docker.run("run", "--rm", "-m", "64m", "busybox", "sh", "-c",
                "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes")
                .assertSuccess().stdout());
        String cpu = docker.run("run", "--rm", "--cpus", "0.5", "busybox", "sh", "-c",
                "cat /sys/fs/cgroup/cpu.max 2>/dev/null || cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us")
                .assertSuccess().stdout();
        assertTrue(cpu.equals("50000 100000\n") || cpu.equals("50000\n100000\n"), cpu);
    }

    @Test
    void aFileWrittenInOneContainerIsInNoOtherAndNotInTheImage(DockerCli docker, SkiffDaemon daemon)
            throws IOException {
        String a = Containers.unique("writer");
        docker.run("run", "--name", a, "busybox", "sh", "-c", "echo mine > /only-in-a").assertSuccess();
        docker.run("run", "--rm", "busybox", "ls", "/only-in-a").assertExitCode(1);
        try (Stream<Path> layers = Files.list(daemon.dirs().dataRoot().resolve("image/layers"))) {
            assertFalse(layers.anyMatch(l -> Files.exists(l.resolve("diff/only-in-a"))),
                    "the file reached an image layer");
        }
        Containers.removeAll(docker, a);
    }

    @Test
    void manyRunsLeaveNoMountCgroupFdOrThreadBehind(PrivateDaemons daemons) throws IOException {
        // a daemon of its own, so that nothing else starts or ends containers meanwhile
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        docker.run("pull", "-q", "busybox").assertSuccess();
        // a first batch brings the daemon's worker pools to their working size
        runMany(docker, 20);
        Snapshot before = Snapshot.of(daemon);
        runMany(docker, 200);
        Snapshot after = Snapshot.of(daemon);
        // the last client's connections are closed by the daemon a moment after the CLI has exited
        for (int i = 0; i < 50 && after.fds() > before.fds(); i++) {
            sleep(100);
            after = Snapshot.of(daemon);
        }
        assertEquals(List.of(), added(before.mounts(), after.mounts()), "mounts left under the exec root");
        assertEquals(List.of(), added(before.cgroups(), after.cgroups()), "container cgroups left");
        assertEquals(before.fds(), after.fds(), "open fds of skiffd");
        // idle pool threads may differ by a few; a leak would grow with the 200 runs
        assertTrue(after.threads() <= before.threads() + 4,
                "threads grew from " + before.threads() + " to " + after.threads());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> added(List<String> before, List<String> after) {
        return after.stream().filter(x -> !before.contains(x)).toList();
    }

    private static void runMany(DockerCli docker, int n) {
        for (int i = 0; i < n; i++) {
            docker.run("run", "--rm", "busybox", "true").assertSuccess();
        }
    }

    /** What skiffd holds, read from /proc and the cgroup filesystems. */
    private record Snapshot(List<String> mounts, List<String> cgroups, int fds, int threads) {
        static Snapshot of(SkiffDaemon daemon) throws IOException {
            String execRoot = daemon.dirs().execRoot().toString();
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(l -> l.split(" ")[4])
                    .filter(p -> p.startsWith(execRoot))
                    .sorted()
                    .toList();
            List<String> cgroups;
            try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
                cgroups = hierarchies.map(h -> h.resolve("skiff"))
                        .filter(Files::isDirectory)
                        .flatMap(ContainerIsolationTest::children)
                        .sorted()
                        .toList();
            }
            Path proc = Path.of("/proc", Long.toString(daemon.pid()));
            return new Snapshot(mounts, cgroups, count(proc.resolve("fd")), count(proc.resolve("task")));
        }
    }

    private static Stream<String> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(Path::toString).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.count();
        }
    }
}
