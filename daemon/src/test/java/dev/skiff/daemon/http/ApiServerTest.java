package dev.skiff.daemon.http;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP layer on a real Unix socket, spoken to byte by byte as the docker CLI does. */
class ApiServerTest {
    @TempDir
    Path dir;
    private ApiServer server;
    private final CountDownLatch abandoned = new CountDownLatch(1);
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("api.sock");
        Router router = new Router();
        router.add("GET", "/_ping", (req, res) -> res.text(200, "text/plain", req.method().equals("HEAD") ? "" : "OK"));
        router.add("POST", "/count", (req, res) -> {
            long n = req.body().transferTo(OutputStream.nullOutputStream());
            res.json(200, Map.of("n", n, "version", req.apiVersion()));
        });
        router.add("GET", "/flag", (req, res) -> res.json(200, Map.of("force", req.queryBool("force"))));
        router.add("GET", "/conflict/{name}", (req, res) -> {
            throw EngineException.conflict("in use: " + req.pathParam("name"));
        });
        router.add("POST", "/stream", (req, res) -> {
            JsonStream s = res.jsonStream();
            for (int i = 0; i < 3; i++) {
                s.send(Map.of("status", "step " + i));
            }
            s.sendError("broken");
        });
        router.add("POST", "/wait", (req, res) -> {
            CountDownLatch gone = new CountDownLatch(1);
            req.onClientGone(gone::countDown);
            OutputStream out = res.binaryStream(200, "application/json", Map.of());
            out.flush();
            if (gone.await(10, TimeUnit.SECONDS)) {
                abandoned.countDown();
            }
        });
        router.add("GET", "/tar", (req, res) -> {
            OutputStream out = res.binaryStream(200, "application/x-tar", Map.of());
            out.write("unflushed bytes".getBytes(StandardCharsets.UTF_8));
        });
        router.add("POST", "/upper", (req, res) -> {
            Hijacked h = res.hijack("application/vnd.docker.raw-stream");
            InputStream in = h.in();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                h.out().write(new String(buf, 0, n, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
                        .getBytes(StandardCharsets.UTF_8));
            }
            h.out().write("bye".getBytes(StandardCharsets.UTF_8));
        });
        // answers with the name of the thread it ran on, and the size of the body it read
        router.addInMemory("POST", "/where", req -> !req.queryBool("worker"), (req, res) ->
                res.json(200, Map.of("thread", Thread.currentThread().getName(),
                        "n", req.body().transferTo(OutputStream.nullOutputStream()))));
        router.addInMemory("POST", "/hijack-in-memory", (req, res) -> res.hijack("application/vnd.docker.raw-stream"));
        router.addInMemory("POST", "/json-in-memory", (req, res) -> res.json(201, Map.of("got", req.bodyJson())));
        server = new ApiServer(socket, router);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SocketChannel connect() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
    }

    private static void send(SocketChannel ch, String text) throws IOException {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String readAll(SocketChannel ch) throws IOException {
        return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Reads one response whose length is given by Content-Length. */
    private static String readOne(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in headers: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int len = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                len = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(len), StandardCharsets.ISO_8859_1);
    }

    @Test
    void pingAnswersHeadAndGetOnOneKeepAliveConnection() throws Exception {
        try (SocketChannel ch = connect()) {
            InputStream in = Channels.newInputStream(ch);
            send(ch, "HEAD /_ping HTTP/1.1\r\nHost: api.moby.localhost\r\n\r\n");
            String head = readOne(in);
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertTrue(head.contains("Api-Version: 1.41\r\n"), head);
            assertTrue(head.contains("Ostype: linux\r\n"), head);
            send(ch, "GET /_ping HTTP/1.1\r\nHost: api.moby.localhost\r\n\r\n");
            assertTrue(readOne(in).endsWith("\r\n\r\nOK"));
        }
    }

    @Test
    void inMemoryRoutesRunOnTheIoThreadOnceTheBodyIsComplete() throws Exception {
        try (SocketChannel ch = connect()) {
            InputStream in = Channels.newInputStream(ch);
            // the head first, the body later: the handler must see all of it
            send(ch, "POST /where HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab");
            Thread.sleep(100);
            send(ch, "cde");
            String r = readOne(in);
            assertTrue(r.contains("\"thread\":\"api-io-"), r);
            assertTrue(r.contains("\"n\":5"), r);
            // the same route, a request it leaves to a worker
            send(ch, "POST /where?worker=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            r = readOne(in);
            assertTrue(r.contains("\"thread\":\"api-") && !r.contains("api-io-"), r);
        }
    }

    @Test
    void aLargeOrChunkedBodyGoesToAWorkerEvenForAnInMemoryRoute() throws Exception {
        byte[] big = new byte[200 << 10];
        try (SocketChannel ch = connect()) {
            send(ch, "POST /where HTTP/1.1\r\nHost: x\r\nContent-Length: " + big.length + "\r\nConnection: close\r\n\r\n");
            ch.write(ByteBuffer.wrap(big));
            String r = readAll(ch);
            assertTrue(!r.contains("api-io-") && r.contains("\"n\":" + big.length), r);
        }
        try (SocketChannel ch = connect()) {
            send(ch, "POST /where HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
            String r = readAll(ch);
            assertTrue(!r.contains("api-io-") && r.contains("\"n\":3"), r);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWhereverTheyRun() throws Exception {
        try (SocketChannel ch = connect()) {
            InputStream in = Channels.newInputStream(ch);
            send(ch, "GET /flag?force=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /where HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz"
                    + "GET /flag?force=0 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /where HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nzz");
            assertTrue(readOne(in).endsWith("{\"force\":true}\n"));
            assertTrue(readOne(in).contains("\"n\":1"));
            assertTrue(readOne(in).endsWith("{\"force\":false}\n"));
            assertTrue(readOne(in).contains("\"n\":2"));
        }
    }

    @Test
    void badInputToAnInMemoryRouteGetsDockerdsErrorsAndTheConnectionGoesOn() throws Exception {
        try (SocketChannel ch = connect()) {
            InputStream in = Channels.newInputStream(ch);
            send(ch, "POST /json-in-memory HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{\"a\":");
            String r = readOne(in);
            assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
            assertTrue(r.contains("{\"message\":\"invalid JSON: "), r);
            send(ch, "POST /v1.99/json-in-memory HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
            r = readOne(in);
            assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
            assertTrue(r.endsWith("{\"message\":\"client version 1.99 is too new. Maximum supported API version is 1.41\"}\n"), r);
            send(ch, "POST /json-in-memory/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
            r = readOne(in);
            assertTrue(r.startsWith("HTTP/1.1 404 Not Found") && r.endsWith("{\"message\":\"page not found\"}\n"), r);
            send(ch, "POST /json-in-memory HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
            r = readOne(in);
            assertTrue(r.startsWith("HTTP/1.1 201 Created") && r.endsWith("{\"got\":{\"a\":1}}\n"), r);
        }
    }

    @Test
    void anInMemoryRouteCannotHijack() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "POST /hijack-in-memory HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String r = readAll(ch);
            assertTrue(r.startsWith("HTTP/1.1 500 Internal Server Error"), r);
        }
    }

    @Test
    void unknownRouteIsDockerdsPageNotFound() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "GET /v1.41/nothing/here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String r = readAll(ch);
            assertTrue(r.startsWith("HTTP/1.1 404 Not Found"), r);
            assertTrue(r.endsWith("{\"message\":\"page not found\"}\n"), r);
        }
    }

    @Test
    void booleansAreReadAsDockerdReadsThem() throws Exception {
        for (String v : new String[] {"1", "true", "yes", "2"}) {
            try (SocketChannel ch = connect()) {
                send(ch, "GET /flag?force=" + v + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertTrue(readAll(ch).endsWith("{\"force\":true}\n"), v);
            }
        }
        for (String v : new String[] {"0", "false", "no", "none", ""}) {
            try (SocketChannel ch = connect()) {
                send(ch, "GET /flag?force=" + v + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertTrue(readAll(ch).endsWith("{\"force\":false}\n"), v);
            }
        }
    }

    @Test
    void aBadUrlEscapeIsTheClientsError() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "GET /flag?force=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String r = readAll(ch);
            assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
            assertTrue(r.contains("invalid URL escape"), r);
        }
    }

    @Test
    void typedErrorsBecomeStatusAndMessage() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "GET /v1.40/conflict/web HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String r = readAll(ch);
            assertTrue(r.startsWith("HTTP/1.1 409 Conflict"), r);
            assertTrue(r.contains("application/json"), r);
            assertTrue(r.endsWith("{\"message\":\"in use: web\"}\n"), r);
        }
    }

    @Test
    void largeChunkedBodyStreamsThrough() throws Exception {
        int chunks = 600;
        byte[] chunk = new byte[16 << 10];
        try (SocketChannel ch = connect()) {
            send(ch, "POST /v1.25/count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            for (int i = 0; i < chunks; i++) {
                send(ch, Integer.toHexString(chunk.length) + "\r\n");
                ch.write(ByteBuffer.wrap(chunk));
                send(ch, "\r\n");
            }
            send(ch, "0\r\n\r\n");
            String r = readAll(ch);
            assertTrue(r.contains("\"n\":" + ((long) chunks * chunk.length)), r);
            assertTrue(r.contains("\"version\":\"1.25\""), r);
        }
    }

    @Test
    void aClientThatHangsUpCancelsItsRequest() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "POST /wait HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            readOne(Channels.newInputStream(ch));
        }
        assertTrue(abandoned.await(5, TimeUnit.SECONDS), "the handler heard that its client left");
    }

    @Test
    @Timeout(10)
    void aClientThatExpectsContinueIsToldToSendItsBody() throws Exception {
        try (SocketChannel ch = connect()) {
            InputStream in = Channels.newInputStream(ch);
            send(ch, "POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            ByteArrayOutputStream interim = new ByteArrayOutputStream();
            while (!interim.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                interim.write(in.read());
            }
            assertTrue(interim.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 100 Continue"), interim.toString());
            send(ch, "hello");
            assertTrue(readOne(in).contains("\"n\":5"));
        }
    }

    @Test
    void jsonStreamSendsOneChunkPerMessageAndErrorsInline() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            String r = readAll(ch);
            assertTrue(r.contains("Transfer-Encoding: chunked"), r);
            assertTrue(r.contains("{\"status\":\"step 0\"}\r\n"), r);
            assertTrue(r.contains("\"errorDetail\":{\"message\":\"broken\"}"), r);
            assertTrue(r.endsWith("0\r\n\r\n"), r);
        }
    }

    @Test
    void whatABinaryStreamStillBuffersIsSentWhenTheHandlerReturns() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "GET /tar HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String r = readAll(ch);
            assertTrue(r.contains("Transfer-Encoding: chunked"), r);
            assertTrue(r.contains("\r\nf\r\nunflushed bytes\r\n0\r\n\r\n"), r);
        }
    }

    @Test
    void hijackedConnectionCarriesRawBytesAndHonoursHalfClose() throws Exception {
        try (SocketChannel ch = connect()) {
            send(ch, "POST /upper HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
            InputStream in = Channels.newInputStream(ch);
            String head = readOne(in);
            assertTrue(head.startsWith("HTTP/1.1 101 UPGRADED\r\n"), head);
            assertTrue(head.contains("Upgrade: tcp"), head);
            send(ch, "hello ");
            send(ch, "world");
            ch.shutdownOutput();
            assertEquals("HELLO WORLDbye", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void socketIsGroupWritableOnly() throws Exception {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void aSecondServerOnALiveSocketRefusesToStart() {
        ApiServer second = new ApiServer(socket, new Router());
        assertThrows(UnixSocketFile.SocketInUseException.class, second::start);
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        server.close();
        assertTrue(!Files.exists(socket) || !UnixSocketFile.isLive(socket));
        Files.createFile(socket);
        server = new ApiServer(socket, new Router());
        server.start();
        assertTrue(UnixSocketFile.isLive(socket));
    }
}
