package dev.skiff.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.api.ContainerRoutes;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.http.ApiServer;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
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
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container routes over a real Unix socket, in the order and framing the docker CLI uses. */
class ContainerApiTest {
    @TempDir
    Path tmp;
    private FakeRuntime runtime;
    private ContainerService service;
    private ApiServer server;
    private Path socket;

    @BeforeEach
    void setUp() throws Exception {
        runtime = new FakeRuntime();
        Files.createDirectories(tmp.resolve("layer"));
        service = new ContainerService(runtime, new TestImages(tmp.resolve("layer")), new EventBus(), tmp.resolve("data"),
                tmp.resolve("exec"), Map.of(), Clock.systemUTC());
        Router router = new Router();
        router.addAll(new ContainerRoutes(service));
        socket = tmp.resolve("api.sock");
        server = new ApiServer(socket, router);
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
        service.close();
    }

    /** A client connection with just enough HTTP/1.1 for these tests. */
    private final class Conn implements AutoCloseable {
        final SocketChannel ch;
        final InputStream in;

        Conn() throws IOException {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            in = Channels.newInputStream(ch);
        }

        void send(String method, String path, String body, String... headers) throws IOException {
            StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: api.moby.localhost\r\n");
            for (String h : headers) {
                sb.append(h).append("\r\n");
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            if (!body.isEmpty()) {
                sb.append("Content-Type: application/json\r\n");
            }
            sb.append("Content-Length: ").append(b.length).append("\r\n\r\n");
            ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            ch.write(ByteBuffer.wrap(b));
        }

        String head() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed in the headers: " + out);
                }
                out.write(c);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }

        byte[] body(String head) throws IOException {
            String h = head.toLowerCase(Locale.ROOT);
            if (h.contains("transfer-encoding: chunked")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (true) {
                    int size = Integer.parseInt(line(), 16);
                    if (size == 0) {
                        line();
                        return out.toByteArray();
                    }
                    out.write(in.readNBytes(size));
                    line();
                }
            }
            int at = h.indexOf("content-length: ");
            int len = at < 0 ? 0 : Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)).trim());
            return in.readNBytes(len);
        }

        private String line() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("eof");
                }
                if (c != '\r') {
                    out.write(c);
                }
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    private static byte[] frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + p.length];
        f[0] = (byte) stream;
        f[7] = (byte) p.length;
        System.arraycopy(p, 0, f, 8, p.length);
        return f;
    }

    @Test
    void dockerRunFlowAttachWaitStartThenFramesAndStatus() throws Exception {
        String id;
        try (Conn c1 = new Conn(); Conn c2 = new Conn(); Conn c3 = new Conn()) {
            c1.send("POST", "/v1.41/containers/create?name=run1", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\"],"
                    + "\"AttachStdout\":true,\"AttachStderr\":true,\"NetworkingConfig\":{\"EndpointsConfig\":{}}}");
            String head = c1.head();
            assertTrue(head.startsWith("HTTP/1.1 201 "), head);
            JsonNode created = Json.MAPPER.readTree(c1.body(head));
            id = created.get("Id").asText();
            assertEquals("[]", created.get("Warnings").toString());

            c2.send("POST", "/v1.41/containers/" + id + "/attach?stderr=1&stdout=1&stream=1", "",
                    "Connection: Upgrade", "Upgrade: tcp");
            assertTrue(c2.head().startsWith("HTTP/1.1 101 UPGRADED"));
            c2.ch.shutdownOutput();

            c1.send("POST", "/v1.41/containers/" + id + "/wait?condition=next-exit", "");
            String waitHead = c1.head();
            assertTrue(waitHead.startsWith("HTTP/1.1 200 OK"), "wait answers its headers before the start: " + waitHead);

            c3.send("POST", "/v1.41/containers/" + id + "/start", "");
            assertTrue(c3.head().startsWith("HTTP/1.1 204 "));
            FakeRuntime.FakeContainer process = runtime.nextStarted();
            process.stdout.write("hi\n");
            process.stderr.write("err\n");
            process.exit(3);

            assertEquals(Map.of(1, "hi\n", 2, "err\n"), demux(c2.in.readAllBytes()));

            assertEquals("{\"Error\":null,\"StatusCode\":3}\n", new String(c1.body(waitHead), StandardCharsets.UTF_8));
        }
        try (Conn c = new Conn()) {
            c.send("GET", "/v1.41/containers/" + id + "/logs?stdout=1&tail=all", "");
            String head = c.head();
            assertFalse(head.toLowerCase(Locale.ROOT).contains("content-type"), head);
            assertArrayEquals(frame(1, "hi\n"), c.body(head));
        }
    }

    /** The payload of each stream, frames concatenated in order (a read may be split into several frames). */
    private static Map<Integer, String> demux(byte[] all) {
        Map<Integer, String> out = new java.util.TreeMap<>();
        int i = 0;
        while (i < all.length) {
            assertTrue(i + 8 <= all.length, "truncated frame header");
            int stream = all[i];
            assertEquals(0, all[i + 1] | all[i + 2] | all[i + 3]);
            int len = ByteBuffer.wrap(all, i + 4, 4).getInt();
            out.merge(stream, new String(all, i + 8, len, StandardCharsets.UTF_8), String::concat);
            i += 8 + len;
        }
        return out;
    }

    @Test
    void stdinOfAStdinOnceContainerIsClosedAtTheClientsEof() throws Exception {
        String id = service.create(null, Json.MAPPER.readTree("{\"Image\":\"busybox\",\"Cmd\":[\"cat\"],"
                + "\"OpenStdin\":true,\"StdinOnce\":true,\"AttachStdin\":true}")).id();
        try (Conn attach = new Conn(); Conn start = new Conn()) {
            attach.send("POST", "/containers/" + id + "/attach?stdin=1&stdout=1&stream=1", "",
                    "Connection: Upgrade", "Upgrade: tcp");
            assertTrue(attach.head().startsWith("HTTP/1.1 101"));
            attach.ch.write(ByteBuffer.wrap("line1\nline2\n".getBytes(StandardCharsets.UTF_8)));
            attach.ch.shutdownOutput();
            start.send("POST", "/containers/" + id + "/start", "");
            assertTrue(start.head().startsWith("HTTP/1.1 204"));
            FakeRuntime.FakeContainer cat = runtime.nextStarted();
            long deadline = System.currentTimeMillis() + 5000;
            while (!cat.stdin.isClosed() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(cat.stdin.isClosed(), "EOF from the client closes the process's stdin");
            assertEquals("line1\nline2\n", cat.stdin.drain());
            cat.stdout.write("line1\nline2\n");
            cat.exit(0);
            assertEquals(Map.of(1, "line1\nline2\n"), demux(attach.in.readAllBytes()));
        }
    }

    @Test
    void theDetachSequenceEndsATtyAttachAndNeverReachesTheProcess() throws Exception {
        String id = service.create(null, Json.MAPPER.readTree("{\"Image\":\"busybox\",\"Cmd\":[\"sh\"],"
                + "\"Tty\":true,\"OpenStdin\":true,\"AttachStdin\":true}")).id();
        service.start(id);
        FakeRuntime.FakeContainer sh = runtime.nextStarted();
        try (Conn attach = new Conn()) {
            attach.send("POST", "/containers/" + id + "/attach?stdin=1&stdout=1&stream=1&detachKeys=ctrl-x,x", "",
                    "Connection: Upgrade", "Upgrade: tcp");
            assertTrue(attach.head().startsWith("HTTP/1.1 101"));
            attach.ch.write(ByteBuffer.wrap("ls\r\u0018y\u0018x".getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, attach.in.readAllBytes().length, "the daemon ends the session");
        }
        assertEquals("ls\r\u0018y", sh.stdin.drain());
        assertFalse(sh.stdin.isClosed(), "the container keeps its stdin");
        assertEquals("running", ((Map<?, ?>) service.inspect(id, false).get("State")).get("Status"));
        try (Conn c = new Conn()) {
            c.send("POST", "/containers/" + id + "/attach?stdin=1&stream=1&detachKeys=ctrl-", "");
            String head = c.head();
            assertTrue(head.startsWith("HTTP/1.1 400"), head);
            assertEquals("{\"message\":\"Invalid detach keys (ctrl-) provided\"}\n", new String(c.body(head), StandardCharsets.UTF_8));
        }
        sh.exit(0);
    }

    @Test
    void errorsCarryDockerdsStatusAndText() throws Exception {
        String id = service.create("hupme", Json.MAPPER.readTree("{\"Image\":\"busybox\"}")).id();
        try (Conn c = new Conn()) {
            c.send("POST", "/v1.41/containers/hupme/kill?signal=NOSUCHSIG", "");
            String head = c.head();
            assertTrue(head.startsWith("HTTP/1.1 400 "));
            assertEquals("Invalid signal: NOSUCHSIG", Json.MAPPER.readTree(c.body(head)).get("message").asText());
            c.send("POST", "/v1.41/containers/nosuchctr/wait", "");
            head = c.head();
            assertTrue(head.startsWith("HTTP/1.1 404 "));
            assertEquals("No such container: nosuchctr", Json.MAPPER.readTree(c.body(head)).get("message").asText());
            c.send("POST", "/v1.41/containers/hupme/stop", "");
            head = c.head();
            assertTrue(head.startsWith("HTTP/1.1 304 "), head);
            c.send("GET", "/v1.41/containers/json?filters=%7B%22bogus%22%3A%7B%221%22%3Atrue%7D%7D", "");
            head = c.head();
            assertTrue(head.startsWith("HTTP/1.1 400 "));
            assertEquals("Invalid filter 'bogus'", Json.MAPPER.readTree(c.body(head)).get("message").asText());
            c.send("DELETE", "/v1.41/containers/" + id.substring(0, 12), "");
            assertTrue(c.head().startsWith("HTTP/1.1 204 "));
        }
    }
}
