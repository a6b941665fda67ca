package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker run --network host, none, container:NAME, and a network that does not exist. */
@SkiffTest
class NetworkModeTest {

    @Test
    void theHostNetworkIsTheHostsOwn(DockerCli docker) throws Exception {
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertEquals(hostname + "\n", docker.run("run", "--rm", "--network", "host", "busybox", "hostname")
                .assertSuccess().stdout());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("from the host\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("from the host\n", docker.run("run", "--rm", "--network", "host", "busybox", "nc", "127.0.0.1",
                    Integer.toString(server.getLocalPort())).assertSuccess().stdout());
            served.get();
        }
    }

    @Test
    void noneAndTheDefaultHaveOnlyLoopback(DockerCli docker) {
        assertEquals("lo\n", docker.run("run", "--rm", "--network", "none", "busybox", "ls", "/sys/class/net")
                .assertSuccess().stdout());
        assertEquals("lo\n", docker.run("run", "--rm", "busybox", "ls", "/sys/class/net").assertSuccess().stdout());
    }

    @Test
    void portsAreNotPublishedWithNoneAsWithDockerd(DockerCli docker) {
        String name = Containers.unique("nonepub");
        try {
            docker.run("run", "-d", "--name", name, "--network", "none", "-p", "80", "busybox", "sleep", "600")
                    .assertSuccess();
            assertEquals("", docker.run("port", name).assertSuccess().stdout());
            assertEquals("{}\n", docker.run("inspect", "-f", "{{json .NetworkSettings.Ports}}", name).assertSuccess()
                    .stdout());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void aContainerJoinsAnotherRunningContainersNetwork(DockerCli docker) {
        String owner = Containers.unique("owner");
        String member = Containers.unique("member");
        try {
            String ownerId = docker.run("run", "-d", "--name", owner, "busybox", "httpd", "-f", "-p", "80", "-h", "/etc")
                    .assertSuccess().stdout().trim();
            Containers.await("the owner's httpd", Duration.ofSeconds(20), () -> docker.run("run", "--rm", "--network",
                    "container:" + owner, "busybox", "wget", "-qO-", "http://127.0.0.1/hostname").exitCode() == 0);
            assertEquals(ownerId.substring(0, 12) + "\n", docker.run("run", "--rm", "--network", "container:" + owner,
                    "busybox", "wget", "-qO-", "http://127.0.0.1/hostname").assertSuccess().stdout());

            CommandResult published = docker.run("run", "--rm", "--network", "container:" + owner, "-p", "81:81",
                    "busybox", "true");
            published.assertExitCode(125);
            assertTrue(published.stderr().startsWith("docker: Error response from daemon: conflicting options: port"
                    + " publishing and the container type network mode"), published.stderr());

            docker.run("create", "--name", member, "--network", "container:" + owner, "busybox", "true").assertSuccess();
            docker.run("stop", "-t", "0", owner).assertSuccess();
            CommandResult notRunning = docker.run("start", member);
            notRunning.assertExitCode(1);
            assertEquals("Error response from daemon: cannot join network of a non running container: " + owner + "\n"
                    + "Error: failed to start containers: " + member + "\n", notRunning.stderr());
        } finally {
            Containers.removeAll(docker, owner, member);
        }
    }

    @Test
    void aNetworkThatDoesNotExistFailsTheStart(DockerCli docker) {
        String name = Containers.unique("nonet");
        try {
            CommandResult r = docker.run("run", "--name", name, "--network", "nosuchnet", "busybox", "true");
            assertTrue(r.exitCode() != 0);
            assertTrue(r.stderr().contains("Error response from daemon: network nosuchnet not found"), r.stderr());
            assertEquals("created\n", docker.run("inspect", "-f", "{{.State.Status}}", name).assertSuccess().stdout());
        } finally {
            Containers.removeAll(docker, name);
        }
    }
}
