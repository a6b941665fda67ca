package dev.skiff.cli.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.cli.http.HijackedStream;
import dev.skiff.cli.http.UnixHttpTestServer;
import dev.skiff.cli.stream.FrameDemuxer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ping, version negotiation and error bodies, over a real socket with scripted HTTP answers. */
class EngineClientWireTest {
    @TempDir
    Path dir;
    private UnixHttpTestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Answers /_ping with the given HEAD status and Api-Version header, and anything else with {@code other}. */
    private void serve(int headStatus, String apiVersion, String other) throws IOException {
        server = new UnixHttpTestServer(dir, (req, ex) -> {
            String versionHeader = apiVersion == null ? "" : "Api-Version: " + apiVersion + "\r\n";
            if (req.target().equals("/_ping")) {
                int status = req.method().equals("HEAD") ? headStatus : 200;
                String body = req.method().equals("HEAD") ? "" : "OK";
                ex.write("HTTP/1.1 " + status + " X\r\n" + versionHeader + "Content-Length: " + body.length()
                        + "\r\n\r\n" + body);
            } else {
                ex.write(other);
            }
        });
    }

    private EngineClient client(ApiVersion pinned) {
        return new EngineClient(new DaemonHost(server.socket()), pinned, "skiff-test");
    }

    private List<String> targets() {
        List<String> t = new ArrayList<>();
        server.requests().forEach(r -> t.add(r.method() + " " + r.target()));
        return t;
    }

    private static final String EMPTY_LIST = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n[]\n";

    @Test
    void downgradesToTheDaemonsVersion() throws Exception {
        serve(200, "1.40", EMPTY_LIST);
        EngineClient client = client(null);
        client.containers(true, new Filters().add("status", "exited"));
        assertEquals(List.of("HEAD /_ping",
                "GET /v1.40/containers/json?all=1&filters=%7B%22status%22%3A%7B%22exited%22%3Atrue%7D%7D"), targets());
        assertEquals(new ApiVersion(1, 40), client.apiVersion());
    }

    @Test
    void keepsItsOwnVersionWithANewerDaemonAndPingsOnce() throws Exception {
        serve(200, "1.45", EMPTY_LIST);
        EngineClient client = client(null);
        client.images(false, null);
        client.images(false, null);
        assertEquals(List.of("HEAD /_ping", "GET /v1.41/images/json", "GET /v1.41/images/json"), targets());
    }

    @Test
    void fallsBackToGetPingAndToVersion124WithoutHeader() throws Exception {
        serve(404, null, EMPTY_LIST);
        client(null).images(true, null);
        assertEquals(List.of("HEAD /_ping", "GET /_ping", "GET /v1.24/images/json?all=1"), targets());
    }

    @Test
    void pinnedVersionIsUsedAsIs() throws Exception {
        serve(200, "1.41", EMPTY_LIST);
        client(new ApiVersion(1, 25)).images(false, null);
        assertEquals("GET /v1.25/images/json", targets().get(1));
    }

    @Test
    void errorMessageComesFromTheJsonBody() throws Exception {
        String body = "{\"message\":\"No such container: nosuchctr\"}";
        serve(200, "1.41", "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
        DaemonErrorException e = assertThrows(DaemonErrorException.class,
                () -> client(null).stopContainer("nosuchctr", 2));
        assertEquals(404, e.status());
        assertEquals("No such container: nosuchctr", e.getMessage());
        assertEquals("POST /v1.41/containers/nosuchctr/stop?t=2", targets().get(1));
    }

    @Test
    void pullStreamsMessagesAndSurfacesStreamErrors() throws Exception {
        byte[] chunks = UnixHttpTestServer.chunked(
                "{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}\r\n",
                "{\"errorDetail\":{\"message\":\"manifest unknown\"},\"error\":\"manifest unknown\"}\r\n");
        serve(200, "1.41", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + new String(chunks, StandardCharsets.ISO_8859_1));
        List<JsonNode> seen = new ArrayList<>();
        StreamErrorException e = assertThrows(StreamErrorException.class,
                () -> client(null).pullImage("docker.io/library/busybox", "latest", seen::add));
        assertEquals("manifest unknown", e.getMessage());
        assertEquals(1, seen.size());
        assertEquals("POST /v1.41/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest", targets().get(1));
        assertEquals("e30=", server.requests().get(1).header("X-Registry-Auth"));
    }

    @Test
    void attachUpgradesAndWaitAnswersLater() throws Exception {
        server = new UnixHttpTestServer(dir, (req, ex) -> {
            if (req.target().equals("/_ping")) {
                ex.write("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 0\r\n\r\n");
            } else if (req.target().contains("/attach")) {
                ex.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
                ex.write(new byte[] {1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n'});
                ex.close();
            } else {
                // headers at once, the body only when the container is done
                ex.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                ex.write(UnixHttpTestServer.chunked("{\"Error\":null,\"StatusCode\":3}\n"));
            }
        });
        EngineClient client = client(null);
        try (HijackedStream stream = client.attach("abc", false);
             PendingWait wait = client.waitContainer("abc", "next-exit")) {
            stream.closeOutput();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FrameDemuxer.demux(stream.input(), out, new ByteArrayOutputStream());
            assertEquals("hi\n", out.toString(StandardCharsets.UTF_8));
            assertEquals(3, wait.await().statusCode());
        }
        assertEquals(List.of("HEAD /_ping", "POST /v1.41/containers/abc/attach?stderr=1&stdout=1&stream=1",
                "POST /v1.41/containers/abc/wait?condition=next-exit"), targets());
        UnixHttpTestServer.Request attach = server.requests().get(1);
        assertEquals("text/plain", attach.header("Content-Type"));
        assertEquals("Upgrade", attach.header("Connection"));
        assertEquals("tcp", attach.header("Upgrade"));
    }

    @Test
    void unreachableDaemonIsReportedWithItsAddress() {
        EngineClient client = new EngineClient(new DaemonHost(dir.resolve("none.sock")), null, "t");
        DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class, client::apiVersion);
        assertEquals("Cannot connect to the skiff daemon at unix://" + dir.resolve("none.sock")
                + ". Is the skiff daemon running?", e.getMessage());
    }
}
