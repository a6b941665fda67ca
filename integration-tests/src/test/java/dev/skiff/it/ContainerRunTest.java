package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker run as recorded against dockerd (run-*.txt, error-*.txt): output, exit codes, create options. */
@SkiffTest
class ContainerRunTest {

    @Test
    void runRmPrintsTheOutputAndLeavesNothingBehind(DockerCli docker) {
        String name = Containers.unique("rm");
        CommandResult r = docker.run("run", "--rm", "--name", name, "busybox", "echo", "hi").assertSuccess();
        assertEquals("hi\n", r.stdout());
        assertEquals("", docker.run("ps", "-aq", "--filter", "name=" + name).assertSuccess().stdout());
    }

    @Test
    void olderApiVersionsTakeTheEndOfARunFromTheEvents(DockerCli docker) {
        // at 1.25 the CLI waits for the die/destroy events instead of wait?condition=removed; at 1.24 it
        // also removes the container itself (ping-daemon-advertises-*.txt)
        for (String version : new String[] {"1.25", "1.24"}) {
            String name = Containers.unique("api" + version.replace(".", ""));
            CommandResult r = docker.withEnv("DOCKER_API_VERSION", version)
                    .run("run", "--rm", "--name", name, "busybox", "sh", "-c", "echo hi; exit 4");
            r.assertExitCode(4);
            assertEquals("hi\n", r.stdout());
            assertEquals("", docker.run("ps", "-aq", "--filter", "name=" + name).assertSuccess().stdout());
        }
    }

    @Test
    void stdoutAndStderrArriveSeparatelyAndTheExitCodeIsTheClis(DockerCli docker) {
        CommandResult r = docker.run("run", "--rm", "busybox", "sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3");
        r.assertExitCode(3);
        assertEquals("to-stdout\n", r.stdout());
        assertEquals("to-stderr\n", r.stderr());

        String name = Containers.unique("exit42");
        docker.run("run", "--name", name, "busybox", "sh", "-c", "exit 42").assertExitCode(42);
        assertEquals("exited 42", Containers.inspect(docker, name, "{{.State.Status}} {{.State.ExitCode}}"));
        Containers.removeAll(docker, name);
    }

    @Test
    void environmentIsBuiltAsDockerdBuildsIt(DockerCli docker) {
        CommandResult r = docker.withEnv("FROMCLI", "yes")
                .run("run", "--rm", "-e", "FOO=bar", "-e", "FROMCLI", "-e", "UNSETVAR", "busybox", "env").assertSuccess();
        List<String> lines = r.stdoutLines();
        assertTrue(lines.get(0).startsWith("PATH="), r.stdout());
        assertTrue(lines.get(1).matches("HOSTNAME=[0-9a-f]{12}"), r.stdout());
        // the order within is dockerd's (see ProcessEnvTest); busybox's env applet does not always keep it
        assertEquals(Set.of("FOO=bar", "FROMCLI=yes", "HOME=/root"), Set.copyOf(lines.subList(2, lines.size())));
    }

    @Test
    void entrypointHostnameNameUserAndWorkdir(DockerCli docker) {
        assertEquals("from-entrypoint arg2\n", docker.run("run", "--rm", "--entrypoint", "echo", "busybox",
                "from-entrypoint", "arg2").assertSuccess().stdout());
        assertEquals("myhost\n", docker.run("run", "--rm", "--hostname", "myhost", "busybox", "hostname")
                .assertSuccess().stdout());
        String named = docker.run("run", "--rm", "--name", Containers.unique("named"), "busybox", "hostname")
                .assertSuccess().stdout();
        assertTrue(named.matches("[0-9a-f]{12}\n"), "the hostname defaults to the short id: " + named);
        assertEquals("uid=1000(user) gid=1000(user) groups=1000(user)\n",
                docker.run("run", "--rm", "--user", "1000", "busybox", "id").assertSuccess().stdout());
        assertEquals("/tmp/newdir\n", docker.run("run", "--rm", "-w", "/tmp/newdir", "busybox", "pwd")
                .assertSuccess().stdout());
    }

    @Test
    void pipedStdinReachesAStdinOnceContainerAndItsEofEndsIt(DockerCli docker) {
        CommandResult r = docker.run("line1\nline2\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60),
                "run", "-i", "--rm", "busybox", "cat").assertSuccess();
        assertEquals("line1\nline2\n", r.stdout());
    }

    @Test
    void aTtyMergesTheStreamsWithCrlf(DockerCli docker) {
        CommandResult r = docker.run("run", "--rm", "-t", "busybox", "sh", "-c", "echo out; echo err >&2").assertSuccess();
        assertEquals("out\r\nerr\r\n", r.stdout());
    }

    @Test
    void bindMountsShareHostFiles(DockerCli docker, @TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("host.txt"), "from host\n");
        CommandResult r = docker.run("run", "--rm", "-v", dir + ":/data", "busybox", "sh", "-c",
                "cat /data/host.txt; echo from-container > /data/out.txt").assertSuccess();
        assertEquals("from host\n", r.stdout());
        assertEquals("from-container\n", Files.readString(dir.resolve("out.txt")));
    }

    @Test
    void startFailuresCarryTheOciMessageAndTheShellExitCodes(DockerCli docker) {
        CommandResult missing = docker.run("run", "--rm", "busybox", "/nonexistent");
        missing.assertExitCode(127);
        assertTrue(missing.stderr().contains("docker: Error response from daemon: failed to create shim task: OCI "
                + "runtime create failed: runc create failed: unable to start container process: exec: "
                + "\"/nonexistent\": stat /nonexistent: no such file or directory: unknown"), missing.stderr());
        CommandResult notExecutable = docker.run("run", "--rm", "busybox", "/etc/passwd");
        notExecutable.assertExitCode(126);
        assertTrue(notExecutable.stderr().contains("exec: \"/etc/passwd\": permission denied: unknown"),
                notExecutable.stderr());

        String name = Containers.unique("badcmd");
        docker.run("create", "--name", name, "busybox", "/nonexistent").assertSuccess();
        CommandResult start = docker.run("start", name);
        start.assertExitCode(1);
        assertTrue(start.stderr().contains("no such file or directory: unknown"), start.stderr());
        assertTrue(start.stderr().contains("Error: failed to start containers: " + name), start.stderr());
        assertEquals("created 127", Containers.inspect(docker, name, "{{.State.Status}} {{.State.ExitCode}}"));
        Containers.removeAll(docker, name);
    }

    @Test
    void namesAreValidatedAndUnique(DockerCli docker) {
        for (String bad : new String[] {"bad name!", "-leadingdash", "a"}) {
            CommandResult r = docker.run("create", "--name", bad, "busybox", "true");
            r.assertExitCode(1);
            assertEquals("Error response from daemon: Invalid container name (" + bad
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n", r.stderr());
        }
        String name = Containers.unique("conflictme");
        String id = docker.run("create", "--name", name, "busybox", "true").assertSuccess().stdout().trim();
        CommandResult again = docker.run("run", "--rm", "--name", name, "busybox", "true");
        again.assertExitCode(125);
        assertTrue(again.stderr().startsWith("docker: Error response from daemon: Conflict. The container name \"/"
                + name + "\" is already in use by container \"" + id + "\". You have to remove (or rename) that "
                + "container to be able to reuse that name."), again.stderr());
        Containers.removeAll(docker, name);
    }

    @Test
    void detachedRunPrintsTheIdAndKeepsRunning(DockerCli docker) {
        String name = Containers.unique("rund");
        String id = docker.run("run", "-d", "--name", name, "busybox", "sleep", "1000").assertSuccess().stdout().trim();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals("running", Containers.inspect(docker, id.substring(0, 12), "{{.State.Status}}"));
        assertFalse(docker.run("ps", "-q", "--filter", "name=" + name).assertSuccess().stdout().isBlank());
        Containers.removeAll(docker, name);
    }

    @Test
    void parallelRunsEachGetTheirOwnOutputAndExitCode(DockerCli docker) throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<CommandResult>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                runs.add(pool.submit(() -> docker.run("run", "--rm", "busybox", "sh", "-c", "echo run " + k + "; exit " + k)));
            }
            for (int i = 0; i < n; i++) {
                CommandResult r = runs.get(i).get();
                r.assertExitCode(i);
                assertEquals("run " + i + "\n", r.stdout());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
