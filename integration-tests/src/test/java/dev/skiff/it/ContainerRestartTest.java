package dev.skiff.it;

import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.UnixHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restart policies, auto-removal and what survives a daemon restart or kill -9. */
@SkiffTest
class ContainerRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void alwaysRestartsAfterEachExitUntilStopped(DockerCli docker) {
        String name = Containers.unique("rs");
        docker.run("run", "-d", "--name", name, "--restart", "always", "busybox", "sh", "-c", "sleep 0.3; exit 1")
                .assertSuccess();
        Containers.await("two restarts", WAIT,
                () -> Integer.parseInt(Containers.inspect(docker, name, "{{.RestartCount}}")) >= 2);
        docker.run("stop", "-t", "1", name).assertSuccess();
        assertEquals("exited", Containers.inspect(docker, name, "{{.State.Status}}"));
        String count = Containers.inspect(docker, name, "{{.RestartCount}}");
        sleep(Duration.ofSeconds(2));
        assertEquals(count, Containers.inspect(docker, name, "{{.RestartCount}}"));
        assertEquals("exited", Containers.inspect(docker, name, "{{.State.Status}}"));
        Containers.removeAll(docker, name);
    }

    /** Alive and not a zombie waiting for its new parent to reap it. */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void onFailureStopsAfterItsRetries(DockerCli docker) {
        String name = Containers.unique("onfail");
        docker.run("run", "-d", "--name", name, "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 4")
                .assertSuccess();
        Containers.await("the retries to run out", WAIT,
                () -> Containers.inspect(docker, name, "{{.State.Status}} {{.RestartCount}}").equals("exited 2"));
        assertEquals("4", Containers.inspect(docker, name, "{{.State.ExitCode}}"));
        Containers.removeAll(docker, name);
    }

    @Test
    void conflictingRmAndRestartIsRefusedByTheDaemonToo(SkiffDaemon daemon) throws Exception {
        String body = "{\"Image\":\"busybox\",\"HostConfig\":{\"AutoRemove\":true,\"RestartPolicy\":{\"Name\":\"always\"}}}";
        UnixHttp.Response r = UnixHttp.request(daemon.socket(), "POST", "/v1.41/containers/create",
                body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals(400, r.status());
        assertTrue(r.bodyText().contains("can't create 'AutoRemove' container with restart policy"), r.bodyText());
    }

    @Test
    void kill9OfTheDaemonLosesNoContainerAndRestartsThePoliciesOnes(PrivateDaemons daemons) {
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        docker.run("create", "--name", "created", "busybox", "true").assertSuccess();
        docker.run("run", "--name", "exited", "busybox", "sh", "-c", "exit 3").assertExitCode(3);
        docker.run("run", "-d", "--name", "plain", "busybox", "sleep", "1000").assertSuccess();
        docker.run("run", "-d", "--name", "always", "--restart", "always", "busybox", "sleep", "1000").assertSuccess();
        docker.run("run", "-d", "--name", "unless", "--restart", "unless-stopped", "busybox", "sleep", "1000").assertSuccess();
        docker.run("run", "-d", "--name", "stopped", "--restart", "unless-stopped", "busybox", "sleep", "1000").assertSuccess();
        docker.run("stop", "-t", "0", "stopped").assertSuccess();
        String alwaysPid = Containers.inspect(docker, "always", "{{.State.Pid}}");

        daemon.kill9();
        daemon.restart();

        assertEquals("created 0", Containers.inspect(docker, "created", "{{.State.Status}} {{.State.ExitCode}}"));
        assertEquals("exited 3", Containers.inspect(docker, "exited", "{{.State.Status}} {{.State.ExitCode}}"));
        assertEquals("exited 255", Containers.inspect(docker, "plain", "{{.State.Status}} {{.State.ExitCode}}"),
                "a container whose end the daemon could not see");
        assertEquals("running", Containers.inspect(docker, "always", "{{.State.Status}}"));
        assertNotEquals(alwaysPid, Containers.inspect(docker, "always", "{{.State.Pid}}"));
        assertEquals("running", Containers.inspect(docker, "unless", "{{.State.Status}}"));
        assertEquals("exited", Containers.inspect(docker, "stopped", "{{.State.Status}}"),
                "unless-stopped stays down after a docker stop");
        assertFalse(isRunning(Long.parseLong(alwaysPid)), "the process of the previous daemon was cleaned up");
        docker.run("rm", "-f", "created", "exited", "plain", "always", "unless", "stopped").assertSuccess();
    }

    @Test
    void aCleanDaemonStopStopsContainersWithoutCountingItAsAManualStop(PrivateDaemons daemons) {
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        docker.run("run", "-d", "--name", "always", "--restart", "always", "busybox", "sleep", "1000").assertSuccess();
        docker.run("run", "-d", "--name", "plain", "busybox", "sleep", "1000").assertSuccess();
        assertEquals(0, daemon.stop());
        daemon.restart();
        assertEquals("running", Containers.inspect(docker, "always", "{{.State.Status}}"));
        String plain = Containers.inspect(docker, "plain", "{{.State.Status}} {{.State.ExitCode}}");
        assertTrue(plain.equals("exited 137") || plain.equals("exited 143"), plain);
        docker.run("rm", "-f", "always", "plain").assertSuccess();
    }
}
