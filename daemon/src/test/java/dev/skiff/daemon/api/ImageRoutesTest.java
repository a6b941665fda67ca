package dev.skiff.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.http.ApiServer;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.image.BlobStore;
import dev.skiff.daemon.image.ImageEvents;
import dev.skiff.daemon.push.PushService;
import dev.skiff.daemon.image.ImageImporter;
import dev.skiff.daemon.image.ImageService;
import dev.skiff.daemon.image.LayerContent;
import dev.skiff.daemon.image.archive.ImageLoader;
import dev.skiff.daemon.image.archive.ImageSaver;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.image.ImageUsers;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.pull.PullService;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.registry.FakeRegistry;
import dev.skiff.daemon.registry.MediaTypes;
import dev.skiff.daemon.registry.RegistryClient;
import dev.skiff.daemon.registry.RegistryEndpoints;
import dev.skiff.runtime.layer.OverlayLayerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image routes behind the real HTTP layer, pulling from a loopback registry. */
class ImageRoutesTest {
    @TempDir
    Path dir;
    FakeRegistry registry;
    ApiServer server;
    PullService pulls;
    Path socket;
    Digest layerDigest;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        byte[] layer = tarWithOneFile();
        layerDigest = registry.putBlob(layer);
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-11-22T20:56:37.4398852Z\","
                + "\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(layer) + "\"]}}";
        Digest configDigest = registry.putBlob(config.getBytes(StandardCharsets.UTF_8));
        registry.putManifest("team/app", "1", MediaTypes.OCI_MANIFEST, ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length()
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8));

        Path imageDir = dir.resolve("image");
        BlobStore blobs = new BlobStore(imageDir);
        OverlayLayerStore layers = new OverlayLayerStore(imageDir.resolve("layers"));
        ImageStore images = new ImageStore(imageDir, blobs, layers);
        EventBus events = new EventBus();
        pulls = new PullService(images, blobs, layers, new RegistryClient(new RegistryEndpoints(List.of(), List.of())),
                events);
        Router router = new Router();
        ImageEvents imageEvents = new ImageEvents(events);
        router.addAll(new ImageRoutes(images, new ImageService(images, ImageUsers.NONE, imageEvents, Clock.systemUTC()), pulls,
                new ImageSaver(images, new LayerContent(images, imageDir.resolve("tmp-save"))),
                new ImageLoader(images, imageEvents, imageDir.resolve("tmp-load")),
                new ImageImporter(images, imageEvents, imageDir.resolve("tmp-import"), Clock.systemUTC()),
                new PushService(images, new RegistryClient(new RegistryEndpoints(List.of(), List.of())),
                        new LayerContent(images, imageDir.resolve("tmp-layers")), events, imageDir.resolve("tmp-push"))));
        socket = dir.resolve("api.sock");
        server = new ApiServer(socket, router);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        pulls.close();
        registry.close();
    }

    @Test
    void pullStreamsProgressThenListAndInspect() throws Exception {
        String pull = request("POST", "/v1.41/images/create?fromImage=" + registry.hostPort() + "%2Fteam%2Fapp&tag=1");
        assertTrue(pull.startsWith("HTTP/1.1 200 OK"), pull);
        assertTrue(pull.contains("{\"status\":\"Pulling from team/app\",\"id\":\"1\"}\r\n"), pull);
        assertTrue(pull.contains("{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"" + layerDigest.shortHex() + "\"}"), pull);
        assertTrue(pull.contains("\"Status: Downloaded newer image for " + registry.hostPort() + "/team/app:1\""), pull);

        JsonNode list = json(request("GET", "/v1.41/images/json"));
        assertEquals(1, list.size());
        JsonNode summary = list.get(0);
        assertEquals(List.of("Containers", "Created", "Id", "Labels", "ParentId", "RepoDigests", "RepoTags",
                "SharedSize", "Size", "VirtualSize"), fieldNames(summary));
        assertEquals(-1, summary.get("Containers").asInt());
        assertEquals(1795380997L, summary.get("Created").asLong(), "as images.txt shows for 2026-11-22T20:56:37Z");
        assertEquals(registry.hostPort() + "/team/app:1", summary.get("RepoTags").get(0).asText());
        assertTrue(summary.get("Labels").isNull());

        String name = registry.hostPort() + "/team/app:1";
        JsonNode inspect = json(request("GET", "/v1.41/images/" + name + "/json"));
        assertEquals(List.of("Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "Container", "ContainerConfig",
                "DockerVersion", "Author", "Config", "Architecture", "Os", "Size", "VirtualSize", "GraphDriver", "RootFS",
                "Metadata"), fieldNames(inspect));
        assertEquals(summary.get("Id"), inspect.get("Id"));
        assertEquals("2026-11-22T20:56:37.4398852Z", inspect.get("Created").asText());
        assertEquals("[\"sh\"]", inspect.get("Config").get("Cmd").toString());
        assertTrue(inspect.get("ContainerConfig").get("Cmd").isNull());
        assertEquals("overlay2", inspect.get("GraphDriver").get("Name").asText());
        assertTrue(inspect.get("GraphDriver").get("Data").get("UpperDir").asText().endsWith("/diff"));
        assertEquals("0001-01-01T00:00:00Z", inspect.get("Metadata").get("LastTagTime").asText());
        assertEquals(Digest.sha256(tarWithOneFile()).toString(), inspect.get("RootFS").get("Layers").get(0).asText());

        String again = request("POST", "/v1.41/images/create?fromImage=" + registry.hostPort() + "%2Fteam%2Fapp&tag=1");
        assertTrue(again.contains("Status: Image is up to date for " + registry.hostPort() + "/team/app:1"), again);
    }

    @Test
    void failuresBeforeTheStreamAreStatusCodes() throws Exception {
        String unknown = request("POST", "/v1.41/images/create?fromImage=" + registry.hostPort() + "%2Fteam%2Fapp&tag=nosuch");
        assertTrue(unknown.startsWith("HTTP/1.1 404"), unknown);
        assertTrue(unknown.contains("{\"message\":\"manifest for " + registry.hostPort()
                + "/team/app:nosuch not found: manifest unknown: manifest unknown\"}"), unknown);

        String upper = request("POST", "/v1.41/images/create?fromImage=Busybox&tag=latest");
        assertTrue(upper.startsWith("HTTP/1.1 400"), upper);
        assertTrue(upper.contains("invalid reference format: repository name must be lowercase"), upper);

        String inspect = request("GET", "/v1.41/images/nosuchimage/json");
        assertTrue(inspect.startsWith("HTTP/1.1 404"), inspect);
        assertTrue(inspect.contains("{\"message\":\"no such image: nosuchimage: No such image: nosuchimage:latest\"}"), inspect);
    }

    @Test
    void failuresAfterTheStreamStartedTravelInside() throws Exception {
        registry.putBlobAs(layerDigest, "not the layer".getBytes(StandardCharsets.UTF_8));
        String pull = request("POST", "/v1.41/images/create?fromImage=" + registry.hostPort() + "%2Fteam%2Fapp&tag=1");
        assertTrue(pull.startsWith("HTTP/1.1 200 OK"), pull);
        String m = "filesystem layer verification failed for digest " + layerDigest;
        assertTrue(pull.contains("\"errorDetail\":{\"message\":\"" + m + "\"}"), pull);
        assertTrue(pull.contains("\"error\":\"" + m + "\""), pull);
    }

    private String request(String method, String target) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String req = method + " " + target + " HTTP/1.1\r\nHost: api.moby.localhost\r\nContent-Length: 0\r\n"
                    + "X-Registry-Auth: e30=\r\nConnection: close\r\n\r\n";
            ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.ISO_8859_1)));
            return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The JSON body of a Content-Length response. */
    private static JsonNode json(String response) throws IOException {
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        return Json.MAPPER.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static byte[] tarWithOneFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var t = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("hello");
            e.setSize(2);
            e.setModTime(0);
            t.putArchiveEntry(e);
            t.write("hi".getBytes(StandardCharsets.UTF_8));
            t.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
