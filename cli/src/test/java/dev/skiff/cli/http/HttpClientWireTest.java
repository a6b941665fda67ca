package dev.skiff.cli.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP client against a real HTTP peer on a Unix socket created by the test. */
class HttpClientWireTest {
    @TempDir
    Path dir;
    private UnixHttpTestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
            assertTrue(server.failures().isEmpty(), () -> "server side failed: " + server.failures());
        }
    }

    private HttpClient client() {
        return new HttpClient(server.socket(), "skiff-test/1");
    }

    @Test
    void getSendsDockerStyleHeadAndReadsContentLengthBody() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) ->
                ex.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"bc\"}\nEXTRA"));
        try (HttpResponse r = client().send(HttpRequest.of("GET", "/v1.41/info"))) {
            assertEquals(200, r.status());
            assertEquals("OK", r.reason());
            assertEquals("application/json", r.headers().first("content-type").orElseThrow());
            assertEquals("{\"a\":\"bc\"}\n", new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        UnixHttpTestServer.Request req = server.requests().get(0);
        assertEquals("GET", req.method());
        assertEquals("/v1.41/info", req.target());
        assertEquals("api.moby.localhost", req.header("Host"));
        assertEquals("skiff-test/1", req.header("User-Agent"));
        assertNull(req.header("Content-Length"), "a GET carries no body headers");
    }

    @Test
    void postWithoutBodySendsContentLengthZero() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) -> ex.write("HTTP/1.1 204 No Content\r\n\r\n"));
        try (HttpResponse r = client().send(HttpRequest.of("POST", "/v1.41/containers/x/start"))) {
            assertEquals(204, r.status());
            assertEquals(-1, r.body().read());
        }
        assertEquals("0", server.requests().get(0).header("Content-Length"));
        assertNull(server.requests().get(0).header("Content-Type"));
    }

    @Test
    void jsonBodyIsSentWithLengthAndType() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) ->
                ex.write("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"));
        String json = "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"héllo\"]}";
        client().send(HttpRequest.of("POST", "/v1.41/containers/create").jsonBody(json)).readBody();
        UnixHttpTestServer.Request req = server.requests().get(0);
        assertEquals("application/json", req.header("Content-Type"));
        assertEquals(Integer.toString(json.getBytes(StandardCharsets.UTF_8).length), req.header("Content-Length"));
        assertEquals(json, req.bodyText());
    }

    @Test
    void streamBodyIsUploadedChunked() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) -> ex.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        byte[] payload = new byte[70_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        client().send(HttpRequest.of("POST", "/v1.41/images/load").streamBody(new ByteArrayInputStream(payload),
                "application/x-tar")).readBody();
        UnixHttpTestServer.Request req = server.requests().get(0);
        assertEquals("chunked", req.header("Transfer-Encoding"));
        assertNull(req.header("Content-Length"));
        assertArrayEquals(payload, req.body());
    }

    @Test
    void chunkedResponseIsDecodedAsItArrives() throws IOException, InterruptedException {
        CountDownLatch firstLineRead = new CountDownLatch(1);
        server = new UnixHttpTestServer(dir, (req, ex) -> {
            ex.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            ex.write("12\r\n{\"status\":\"one\"}\r\n\r\n");
            try {
                assertTrue(firstLineRead.await(5, TimeUnit.SECONDS), "client did not see the first chunk early");
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            // a chunk whose size line, data and CRLF arrive in separate pieces
            ex.write("1");
            ex.write("2;ext=1\r\n{\"status\":");
            ex.write("\"two\"}\r\n\r");
            ex.write("\n0\r\nTrailer: x\r\n\r\n");
        });
        try (HttpResponse r = client().send(HttpRequest.of("POST", "/v1.41/images/create?fromImage=x"))) {
            InputStream body = r.body();
            byte[] first = body.readNBytes(18);
            assertEquals("{\"status\":\"one\"}\r\n", new String(first, StandardCharsets.UTF_8));
            firstLineRead.countDown();
            assertEquals("{\"status\":\"two\"}\r\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void headResponseHasNoBodyDespiteContentLength() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) ->
                ex.write("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\n"));
        try (HttpResponse r = client().send(HttpRequest.of("HEAD", "/_ping"))) {
            assertEquals("1.41", r.headers().first("API-VERSION").orElseThrow());
            assertEquals(-1, r.body().read());
        }
    }

    @Test
    void bodyWithoutLengthEndsWhenServerCloses() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) -> {
            ex.write("HTTP/1.1 200 OK\r\n\r\nuntil-close");
            ex.close();
        });
        assertEquals("until-close",
                new String(client().send(HttpRequest.of("GET", "/x")).readBody(), StandardCharsets.UTF_8));
    }

    @Test
    void truncatedChunkedBodyIsAnError() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) -> {
            ex.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort");
            ex.close();
        });
        HttpResponse r = client().send(HttpRequest.of("GET", "/x"));
        assertThrows(IOException.class, r::readBody);
    }

    @Test
    void hijackGivesDuplexStreamWithHalfClose() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) -> {
            // The head and the first output bytes arrive in one write: they must not be lost.
            ex.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\nhello:");
            byte[] stdin = ex.input().readAllBytes(); // ends when the client half-closes
            ex.write(("got " + new String(stdin, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        HttpRequest request = HttpRequest.of("POST", "/v1.41/containers/c/attach?stdin=1&stream=1")
                .header("Content-Type", "text/plain").upgradeToTcp();
        HttpResponse response = client().send(request);
        assertEquals(101, response.status());
        try (HijackedStream stream = response.hijacked()) {
            stream.output().write("line1\nline2\n".getBytes(StandardCharsets.UTF_8));
            stream.closeOutput();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            stream.input().transferTo(received);
            assertEquals("hello:got line1\nline2\n", received.toString(StandardCharsets.UTF_8));
        }
        UnixHttpTestServer.Request req = server.requests().get(0);
        assertEquals("Upgrade", req.header("Connection"));
        assertEquals("tcp", req.header("Upgrade"));
        assertEquals("0", req.header("Content-Length"));
    }

    @Test
    void nonUpgradeAnswerCannotBeHijacked() throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) -> ex.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        try (HttpResponse r = client().send(HttpRequest.of("POST", "/x").upgradeToTcp())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, r::hijacked);
            assertEquals("unable to upgrade to tcp, received 200", e.getMessage());
        }
    }

    @Test
    void missingSocketIsAConnectFailure() {
        HttpClient client = new HttpClient(dir.resolve("nobody.sock"), "t");
        assertThrows(ConnectFailedException.class, () -> client.send(HttpRequest.of("GET", "/_ping")));
    }
}
