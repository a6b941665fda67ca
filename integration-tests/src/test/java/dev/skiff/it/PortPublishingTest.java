package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.Commands;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker run -p / -P, docker port and ps's PORTS against skiffd (run-p.txt, port.txt): real traffic on loopback. */
@SkiffTest
class PortPublishingTest {
    private static final boolean IPV6 = Files.exists(Path.of("/proc/net/if_inet6"));

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** What `docker port` prints for a port published on every address. */
    private static List<String> everywhere(String containerPort, int hostPort) {
        List<String> lines = new ArrayList<>(List.of(containerPort + " -> 0.0.0.0:" + hostPort));
        if (IPV6) {
            lines.add(containerPort + " -> [::]:" + hostPort);
        }
        return lines;
    }

    private static String httpGet(int port, String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private static void awaitListening(int port) {
        Containers.await("port " + port + " answering", Duration.ofSeconds(20), () -> {
            try {
                return !httpGet(port, "/hostname").isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void aPublishedTcpPortLeadsToTheContainerWhileItRuns(DockerCli docker) throws IOException {
        int port = freePort();
        String name = Containers.unique("web");
        try {
            String id = docker.run("run", "-d", "--name", name, "-p", port + ":80", "busybox", "httpd", "-f", "-p", "80",
                    "-h", "/etc").assertSuccess().stdout().trim();
            awaitListening(port);
            assertEquals(id.substring(0, 12) + "\n", httpGet(port, "/hostname"));
            assertEquals(everywhere("80/tcp", port), docker.run("port", name).assertSuccess().stdoutLines());
            assertEquals(List.of("0.0.0.0:" + port) , docker.run("port", name, "80/tcp").assertSuccess().stdoutLines()
                    .subList(0, 1));
            CommandResult none = docker.run("port", name, "81");
            none.assertExitCode(1);
            assertEquals("Error: No public port '81' published for " + name + "\n", none.stderr());
            assertEquals("0.0.0.0:" + port + "->80/tcp" + (IPV6 ? ", [::]:" + port + "->80/tcp" : "") + "\n",
                    docker.run("ps", "--filter", "name=" + name, "--format", "{{.Ports}}").assertSuccess().stdout());

            docker.run("stop", "-t", "1", name).assertSuccess();
            assertThrows(ConnectException.class, () -> httpGet(port, "/hostname"), "closed with the container");
            assertEquals("{}\n", docker.run("inspect", "-f", "{{json .NetworkSettings.Ports}}", name).assertSuccess().stdout());
            assertEquals("\n", docker.run("ps", "-a", "--filter", "name=" + name, "--format", "{{.Ports}}").stdout());

            docker.run("start", name).assertSuccess();
            awaitListening(port);
            assertEquals(id.substring(0, 12) + "\n", httpGet(port, "/hostname"));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void bytesFlowBothWaysAndAHalfCloseReachesTheContainer(DockerCli docker) throws Exception {
        int port = freePort();
        String name = Containers.unique("echo");
        try {
            docker.run("run", "-d", "--name", name, "-p", "127.0.0.1:" + port + ":90", "busybox", "nc", "-ll", "-p", "90",
                    "-e", "cat").assertSuccess();
            assertEquals(List.of("90/tcp -> 127.0.0.1:" + port), docker.run("port", name).assertSuccess().stdoutLines());
            byte[] sent = new byte[8 << 20];
            new Random(7).nextBytes(sent);
            byte[] echoed = null;
            for (int attempt = 0; attempt < 100 && echoed == null; attempt++) {
                echoed = echo(port, sent);   // null until nc listens
                if (echoed == null) {
                    Thread.sleep(100);
                }
            }
            assertEquals(sent.length, echoed == null ? -1 : echoed.length);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(sent),
                    MessageDigest.getInstance("SHA-256").digest(echoed));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    /** Sends everything, shuts the sending side, reads until EOF; null when nothing answered. */
    private static byte[] echo(int port, byte[] data) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readAllBytes();
                } catch (IOException e) {
                    return null;
                }
            });
            OutputStream out = s.getOutputStream();
            out.write(data);
            s.shutdownOutput();
            byte[] got = read.get();
            return got == null || got.length == 0 ? null : got;
        } catch (ConnectException refused) {
            return null;
        }
    }

    @Test
    void aPublishedUdpPortEchoesBackToEachPeer(DockerCli docker, @TempDir Path tmp) throws Exception {
        Path program = tmp.resolve("udp-echo");
        Commands.run(List.of("gcc", "-static", "-Os", "-s", "-o", program.toString(), "src/test/c/udp-echo.c"),
                Duration.ofMinutes(2)).assertSuccess();
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        String name = Containers.unique("udp");
        try {
            docker.run("run", "-d", "--name", name, "-p", port + ":53/udp", "busybox", "sleep", "600").assertSuccess();
            docker.run("cp", program.toString(), name + ":/udp-echo").assertSuccess();
            docker.run("exec", "-d", name, "/udp-echo", "53").assertSuccess();
            assertEquals(everywhere("53/udp", port), docker.run("port", name).assertSuccess().stdoutLines());
            try (DatagramSocket a = new DatagramSocket(); DatagramSocket b = new DatagramSocket()) {
                a.setSoTimeout(300);
                b.setSoTimeout(300);
                assertEquals("from a", udpEcho(a, port, "from a"));
                assertEquals("from b", udpEcho(b, port, "from b"));
                assertEquals("again a", udpEcho(a, port, "again a"));
            }
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    /** The reply to a datagram, sent again until one comes (the echo program may not be up yet). */
    private static String udpEcho(DatagramSocket socket, int port, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 60; attempt++) {
            socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            try {
                socket.receive(reply);
                return new String(Arrays.copyOf(reply.getData(), reply.getLength()), StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException notYet) {
                // again
            }
        }
        throw new AssertionError("no echo of " + text);
    }

    @Test
    void aTakenPortFailsTheStartWithDockerdsErrorAndRandomPortsAreFree(DockerCli docker) throws IOException {
        int port = freePort();
        String first = Containers.unique("first");
        String second = Containers.unique("second");
        String third = Containers.unique("third");
        String random = Containers.unique("random");
        try (ServerSocket hostProcess = new ServerSocket()) {
            docker.run("run", "-d", "--name", first, "-p", port + ":80", "busybox", "sleep", "600").assertSuccess();
            String id = docker.run("create", "--name", second, "-p", port + ":80", "busybox", "sleep", "600")
                    .assertSuccess().stdout().trim();
            CommandResult taken = docker.run("start", second);
            taken.assertExitCode(1);
            assertEquals("Error response from daemon: driver failed programming external connectivity on endpoint "
                    + second + " (" + id + "): Bind for 0.0.0.0:" + port + " failed: port is already allocated\n"
                    + "Error: failed to start containers: " + second + "\n", taken.stderr());
            assertEquals("created\n", docker.run("inspect", "-f", "{{.State.Status}}", second).stdout());

            int held = freePort();
            hostProcess.bind(new InetSocketAddress("0.0.0.0", held));
            String thirdId = docker.run("create", "--name", third, "-p", held + ":80", "busybox", "true")
                    .assertSuccess().stdout().trim();
            assertEquals("Error response from daemon: driver failed programming external connectivity on endpoint "
                    + third + " (" + thirdId + "): Error starting userland proxy: listen tcp4 0.0.0.0:" + held
                    + ": bind: address already in use\nError: failed to start containers: " + third + "\n",
                    docker.run("start", third).stderr());

            docker.run("run", "-d", "--name", random, "-p", "80", "--expose", "81", "-P", "busybox", "httpd", "-f",
                    "-p", "81", "-h", "/etc").assertSuccess();
            List<String> lines = docker.run("port", random).assertSuccess().stdoutLines();
            assertEquals(IPV6 ? 4 : 2, lines.size(), lines.toString());
            assertTrue(lines.stream().allMatch(l -> l.matches("8[01]/tcp -> (0\\.0\\.0\\.0|\\[::\\]):\\d+")), lines.toString());
            int published81 = Integer.parseInt(docker.run("port", random, "81").stdoutLines().get(0).replaceAll(".*:", ""));
            awaitListening(published81);
        } finally {
            Containers.removeAll(docker, first, second, third, random);
        }
    }
}
