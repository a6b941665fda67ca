package dev.skiff.it;

import dev.skiff.cli.Skiff;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.fixtures.HelloWorldProgram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled {@code skiff} CLI against the shared skiffd, run in-process through
 * {@link Skiff#run}. Where the stock docker CLI prints something deterministic, skiff must print
 * exactly the same.
 */
@SkiffTest
class SkiffCliTest {

    /** Runs {@code skiff args...} against {@code daemon} with {@code stdin}. */
    private static CommandResult skiffWithInput(SkiffDaemon daemon, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Skiff.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("SKIFF_HOST", daemon.host()));
        return new CommandResult(List.of("skiff", String.join(" ", args)), status,
                out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static CommandResult skiff(SkiffDaemon daemon, String... args) {
        return skiffWithInput(daemon, "", args);
    }

    @Test
    void versionShowsTheClientAndSkiffd(SkiffDaemon daemon) {
        String out = skiff(daemon, "version").assertSuccess().stdout();
        assertTrue(out.startsWith("Client:\n Version:"), out);
        assertTrue(out.contains("Server: skiff\n Engine:\n"), out);
        assertTrue(out.contains("  API version:      1.41 (minimum version 1.24)\n"), out);
    }

    @Test
    void pullPrintsLinesThenTheFullReference(SkiffDaemon daemon, DockerCli docker) {
        CommandResult pull = skiff(daemon, "pull", "busybox").assertSuccess();
        List<String> lines = pull.stdoutLines();
        assertEquals("Using default tag: latest", lines.get(0));
        assertEquals("latest: Pulling from library/busybox", lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Digest: sha256:")), pull.stdout());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Status: ")), pull.stdout());
        assertEquals("docker.io/library/busybox:latest", lines.get(lines.size() - 1));
        assertEquals("docker.io/library/busybox:latest\n", skiff(daemon, "pull", "-q", "busybox").assertSuccess().stdout());
        assertEquals(docker.run("images", "-q").assertSuccess().stdout(), skiff(daemon, "images", "-q").stdout());
        // column widths follow the longest name on the daemon, which other tests change
        assertTrue(skiff(daemon, "images").stdoutLines().stream().anyMatch(l -> l.matches("busybox +latest +.*")));
    }

    @Test
    void runDemultiplexesOutputAndExitsWithTheContainersStatus(SkiffDaemon daemon) {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        CommandResult r = skiff(daemon, "run", "--rm", "busybox", "sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3");
        r.assertExitCode(3);
        assertEquals("to-stdout\n", r.stdout());
        assertEquals("to-stderr\n", r.stderr());
    }

    @Test
    void runPassesEnvironmentWorkdirUserAndEntrypoint(SkiffDaemon daemon) {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        assertEquals("bar\n/tmp/newdir\n1000\n", skiff(daemon, "run", "--rm", "-e", "FOO=bar", "-w", "/tmp/newdir",
                "-u", "1000", "busybox", "sh", "-c", "echo $FOO; pwd; id -u").assertSuccess().stdout());
        assertEquals("from-entrypoint arg2\n", skiff(daemon, "run", "--rm", "--entrypoint", "echo", "busybox",
                "from-entrypoint", "arg2").assertSuccess().stdout());
    }

    @Test
    void runInteractiveForwardsStdinUntilItsEnd(SkiffDaemon daemon) {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        assertEquals("line1\nline2\n",
                skiffWithInput(daemon, "line1\nline2\n", "run", "-i", "--rm", "busybox", "cat").assertSuccess().stdout());
    }

    @Test
    void runPullsAMissingImageFirst(SkiffDaemon daemon) {
        skiff(daemon, "rmi", "-f", "hello-world");
        CommandResult r = skiff(daemon, "run", "--rm", "hello-world").assertSuccess();
        assertTrue(r.stderr().startsWith("Unable to find image 'hello-world:latest' locally\n"), r.stderr());
        assertEquals(HelloWorldProgram.expectedOutput(), r.stdout());
    }

    @Test
    void startFailuresExitLikeAShell(SkiffDaemon daemon) {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        CommandResult missing = skiff(daemon, "run", "--rm", "busybox", "/nonexistent").assertExitCode(127);
        assertTrue(missing.stderr().startsWith("skiff: Error response from daemon: "), missing.stderr());
        skiff(daemon, "run", "--rm", "busybox", "/etc/passwd").assertExitCode(126);
    }

    @Test
    void detachedContainerLifecycle(SkiffDaemon daemon) {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        String name = "skiffcli-detached";
        skiff(daemon, "rm", "-f", name);
        String id = skiff(daemon, "run", "-d", "--name", name, "busybox", "sleep", "1000").assertSuccess().stdout().trim();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(skiff(daemon, "ps").stdoutLines().stream().anyMatch(l -> l.startsWith(id.substring(0, 12))
                && l.endsWith(" " + name)));
        assertTrue(skiff(daemon, "ps", "-q").stdoutLines().contains(id.substring(0, 12)));
        assertEquals(name + "\n", skiff(daemon, "kill", "-s", "HUP", name).assertSuccess().stdout(),
                "sleep as PID 1 ignores SIGHUP");
        assertEquals(name + "\n", skiff(daemon, "stop", "-t", "1", name).assertSuccess().stdout());
        assertEquals("137\n", skiff(daemon, "wait", name).assertSuccess().stdout());
        assertTrue(skiff(daemon, "ps", "-a").stdoutLines().stream().anyMatch(l -> l.contains("Exited (137)")));
        assertEquals(name + "\n", skiff(daemon, "rm", name).assertSuccess().stdout());
    }

    @Test
    void createStartWaitAndLogs(SkiffDaemon daemon) {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        String name = "skiffcli-logger";
        skiff(daemon, "rm", "-f", name);
        String id = skiff(daemon, "create", "--name", name, "busybox", "sh", "-c",
                // stdout and stderr are separate pipes: pause so the log order is the write order
                "echo out1; sleep 0.1; echo err1 >&2; sleep 0.1; echo out2").assertSuccess().stdout().trim();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals(name + "\n", skiff(daemon, "start", name).assertSuccess().stdout());
        assertEquals("0\n", skiff(daemon, "wait", name).assertSuccess().stdout());
        CommandResult logs = skiff(daemon, "logs", name).assertSuccess();
        assertEquals("out1\nout2\n", logs.stdout());
        assertEquals("err1\n", logs.stderr());
        assertEquals("out2\n", skiff(daemon, "logs", "--tail", "1", name).assertSuccess().stdout());
        assertTrue(skiff(daemon, "logs", "-t", name).stdout().matches(
                "(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z out1\n.*"));
        skiff(daemon, "rm", name).assertSuccess();
    }

    @Test
    void inspectPrintsWhatDockerPrints(SkiffDaemon daemon, DockerCli docker) {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        String name = "skiffcli-inspected";
        skiff(daemon, "rm", "-f", name);
        skiff(daemon, "create", "--name", name, "-e", "A=<b>&c", "busybox", "true").assertSuccess();
        assertEquals(docker.run("inspect", name).assertSuccess().stdout(), skiff(daemon, "inspect", name).stdout());
        assertEquals(docker.run("image", "inspect", "busybox").assertSuccess().stdout(),
                skiff(daemon, "image", "inspect", "busybox").stdout());
        skiff(daemon, "rm", name).assertSuccess();
    }

    @Test
    void runPublishesPortsAndTakesTheHostNetwork(SkiffDaemon daemon) throws Exception {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String name = Containers.unique("skiffweb");
        try {
            String id = skiff(daemon, "run", "-d", "--name", name, "-p", port + ":80", "busybox", "httpd", "-f", "-p", "80",
                    "-h", "/etc").assertSuccess().stdout().trim();
            String hostname = null;
            for (int i = 0; i < 100 && hostname == null; i++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.getOutputStream().write("GET /hostname HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    hostname = response.substring(response.indexOf("\r\n\r\n") + 4);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertEquals(id.substring(0, 12) + "\n", hostname);
        } finally {
            skiff(daemon, "rm", "-f", name);
        }
        String hostHostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertEquals(hostHostname + "\n", skiff(daemon, "run", "--rm", "--network", "host", "busybox", "hostname")
                .assertSuccess().stdout());
    }

    @Test
    void tagAndRmi(SkiffDaemon daemon) {
        skiff(daemon, "pull", "-q", "busybox").assertSuccess();
        skiff(daemon, "tag", "busybox", "skiffcli/bb:2.0").assertSuccess();
        assertTrue(skiff(daemon, "images", "skiffcli/bb").stdoutLines().stream()
                .anyMatch(l -> l.startsWith("skiffcli/bb   2.0 ")));
        assertEquals("Untagged: skiffcli/bb:2.0\n", skiff(daemon, "rmi", "skiffcli/bb:2.0").assertSuccess().stdout());
    }

    @Test
    void errorsReadExactlyAsDockersDo(SkiffDaemon daemon, DockerCli docker) {
        List<List<String>> commands = List.of(
                List.of("start", "nosuchctr"), List.of("stop", "nosuchctr"), List.of("kill", "nosuchctr"),
                List.of("rm", "nosuchctr"), List.of("rm", "-f", "nosuchctr"), List.of("logs", "nosuchctr"),
                List.of("wait", "nosuchctr"), List.of("inspect", "nosuchctr"), List.of("image", "inspect", "nosuchimage"),
                List.of("rmi", "nosuchimage:1"), List.of("tag", "nosuchimage", "foo:1"),
                List.of("tag", "busybox", "Invalid_Upper:1"), List.of("ps", "--filter", "bogus=1"));
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            CommandResult expected = docker.run(args);
            CommandResult actual = skiff(daemon, args);
            assertEquals(expected.exitCode(), actual.exitCode(), actual.describe("exit code differs from docker's"));
            assertEquals(expected.stdout(), actual.stdout(), actual.describe("stdout differs from docker's"));
            assertEquals(expected.stderr(), actual.stderr(), actual.describe("stderr differs from docker's"));
        }
    }
}
