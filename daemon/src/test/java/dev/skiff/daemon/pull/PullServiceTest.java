package dev.skiff.daemon.pull;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.image.BlobStore;
import dev.skiff.daemon.image.Image;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.registry.FakeRegistry;
import dev.skiff.daemon.registry.MediaTypes;
import dev.skiff.daemon.registry.Platform;
import dev.skiff.daemon.registry.RegistryClient;
import dev.skiff.daemon.registry.RegistryCredentials;
import dev.skiff.daemon.registry.RegistryEndpoints;
import dev.skiff.runtime.layer.OverlayLayerStore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real pull from a loopback registry into real stores (root: layer extraction does mknod/chown). */
class PullServiceTest {
    static final Platform AMD64 = new Platform("linux", "amd64", "");

    @TempDir
    Path data;
    FakeRegistry registry;
    BlobStore blobs;
    OverlayLayerStore layers;
    ImageStore images;
    PullService pulls;

    byte[] layer1 = tar(Map.of("bin/sh", "#!shell"));
    byte[] layer2 = tar(Map.of("etc/.wh.gone", "", "etc/motd", "hi"));

    @BeforeEach
    void setUp() throws IOException {
        registry = new FakeRegistry();
        Path imageDir = data.resolve("image");
        blobs = new BlobStore(imageDir);
        layers = new OverlayLayerStore(imageDir.resolve("layers"));
        images = new ImageStore(imageDir, blobs, layers);
        pulls = new PullService(images, blobs, layers,
                new RegistryClient(new RegistryEndpoints(List.of(), List.of())), new EventBus(), Duration.ofMillis(1));
    }

    @AfterEach
    void tearDown() {
        pulls.close();
        registry.close();
    }

    /** Publishes app:tag as a manifest list (amd64 + arm64) whose amd64 image has the given layers. */
    Digest publish(String tag, List<byte[]> uncompressedLayers, List<Boolean> gzip, List<String> diffIds) throws IOException {
        List<String> layerJson = new ArrayList<>();
        for (int i = 0; i < uncompressedLayers.size(); i++) {
            byte[] blob = gzip.get(i) ? gzip(uncompressedLayers.get(i)) : uncompressedLayers.get(i);
            Digest d = registry.putBlob(blob);
            layerJson.add("{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + d
                    + "\",\"size\":" + blob.length + "}");
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-11-22T20:56:37.439885258Z\","
                + "\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"],\"Labels\":{\"tier\":\"" + tag + "\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + String.join("\",\"", diffIds) + "\"]}}";
        Digest configDigest = registry.putBlob(config.getBytes(StandardCharsets.UTF_8));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.DOCKER_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length()
                + "},\"layers\":[" + String.join(",", layerJson) + "]}").getBytes(StandardCharsets.UTF_8);
        Digest manifestDigest = registry.putManifest("team/app", null, MediaTypes.DOCKER_MANIFEST, manifest);
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":["
                + "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"sha256:" + "e".repeat(64)
                + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}},"
                + "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifest.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}").getBytes(StandardCharsets.UTF_8);
        return registry.putManifest("team/app", tag, MediaTypes.DOCKER_MANIFEST_LIST, list);
    }

    Digest publishDefault(String tag) throws IOException {
        return publish(tag, List.of(layer1, layer2), List.of(true, false), List.of(diffId(layer1), diffId(layer2)));
    }

    List<ProgressMessage> pull(String ref) throws IOException {
        List<ProgressMessage> out = Collections.synchronizedList(new ArrayList<>());
        pulls.pull(PullService.requestedReference(registry.hostPort() + "/" + ref, null), RegistryCredentials.ANONYMOUS,
                AMD64, out::add);
        return out;
    }

    @Test
    void pullsAnImageWithDockerdsMessageSequence() throws Exception {
        Digest listDigest = publishDefault("1");
        List<ProgressMessage> messages = pull("team/app:1");

        String id1 = Digest.sha256(gzip(layer1)).shortHex();
        String id2 = Digest.sha256(layer2).shortHex();
        assertEquals(ProgressMessage.message("1", "Pulling from team/app"), messages.get(0));
        assertEquals(ProgressMessage.update(id1, "Pulling fs layer"), messages.get(1));
        assertEquals(ProgressMessage.update(id2, "Pulling fs layer"), messages.get(2));
        for (String id : List.of(id1, id2)) {
            assertEquals(List.of("Pulling fs layer", "Downloading", "Download complete", "Extracting", "Pull complete"),
                    distinctRuns(statusesOf(messages, id)), "per-layer sequence of " + id);
        }
        int n = messages.size();
        assertEquals(ProgressMessage.message("Digest: " + listDigest), messages.get(n - 2));
        assertEquals(ProgressMessage.message("Status: Downloaded newer image for " + registry.hostPort() + "/team/app:1"),
                messages.get(n - 1));
        assertTrue(pullCompleteIndex(messages, id1) < pullCompleteIndex(messages, id2), "layers are extracted in order");

        Image image = images.resolve(registry.hostPort() + "/team/app:1");
        assertEquals(image, images.resolve(registry.hostPort() + "/team/app@" + listDigest));
        assertEquals(List.of("sh"), image.config().config().cmd());
        List<Path> lower = images.lowerDirs(image);
        assertEquals(2, lower.size());
        assertEquals("hi", Files.readString(lower.get(0).resolve("etc/motd")), "topmost layer first");
        assertEquals(020000, Files.getAttribute(lower.get(0).resolve("etc/gone"), "unix:mode", LinkOption.NOFOLLOW_LINKS));
        assertEquals("#!shell", Files.readString(lower.get(1).resolve("bin/sh")));
        assertEquals(7 + 2, image.size());
        assertTrue(blobs.exists(listDigest), "the manifest list is kept for save/push");

        List<ProgressMessage> again = pull("team/app:1");
        assertEquals(List.of(
                ProgressMessage.message("1", "Pulling from team/app"),
                ProgressMessage.message("Digest: " + listDigest),
                ProgressMessage.message("Status: Image is up to date for " + registry.hostPort() + "/team/app:1")), again);

        // what a restarted daemon sees
        ImageStore reopened = new ImageStore(data.resolve("image"), new BlobStore(data.resolve("image")),
                new OverlayLayerStore(data.resolve("image/layers")));
        assertEquals(image.id(), reopened.resolve(registry.hostPort() + "/team/app:1").id());
        assertEquals(2, reopened.references(image.id()).size());
    }

    @Test
    void layersAlreadyPresentAreNotDownloadedAgain() throws Exception {
        publishDefault("1");
        pull("team/app:1");
        byte[] other = tar(Map.of("other", "x"));
        publish("2", List.of(layer1, other), List.of(true, true), List.of(diffId(layer1), diffId(other)));
        List<ProgressMessage> messages = pull("team/app:2");
        String id1 = Digest.sha256(gzip(layer1)).shortHex();
        assertEquals(List.of("Already exists"), statusesOf(messages, id1));
        assertTrue(statusesOf(messages, Digest.sha256(gzip(other)).shortHex()).contains("Pull complete"));
    }

    @Test
    void byDigestAndUnknownReferences() throws Exception {
        Digest listDigest = publishDefault("1");
        List<ProgressMessage> m = pull("team/app@" + listDigest);
        assertEquals(ProgressMessage.message(registry.hostPort() + "/team/app@" + listDigest, "Pulling from team/app"), m.get(0));
        assertEquals("Status: Downloaded newer image for " + registry.hostPort() + "/team/app@" + listDigest,
                m.get(m.size() - 1).status());

        EngineException e = assertThrows(EngineException.class, () -> pull("team/app:nosuchtag"));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("manifest for " + registry.hostPort() + "/team/app:nosuchtag not found: manifest unknown: manifest unknown",
                e.getMessage());
    }

    @Test
    void aBareRepositoryPullsEveryTag() throws Exception {
        publishDefault("1");
        byte[] other = tar(Map.of("other", "x"));
        publish("2", List.of(layer1, other), List.of(true, true), List.of(diffId(layer1), diffId(other)));
        List<ProgressMessage> messages = new ArrayList<>();
        pulls.pull(PullService.requestedReference(registry.hostPort() + "/team/app", ""), RegistryCredentials.ANONYMOUS,
                AMD64, messages::add);
        List<ProgressMessage> pullingFrom = messages.stream().filter(m -> "Pulling from team/app".equals(m.status())).toList();
        assertEquals(List.of("1", "2"), pullingFrom.stream().map(ProgressMessage::id).toList());
        assertEquals(2, messages.stream().filter(m -> m.status().startsWith("Digest: ")).count());
        assertEquals("Status: Downloaded newer image for " + registry.hostPort() + "/team/app", messages.get(messages.size() - 1).status());
        assertEquals(2, images.images().size());
    }

    @Test
    void transientBlobFailuresAreRetriedWithDockerdsCountdown() throws Exception {
        publish("1", List.of(layer1), List.of(true), List.of(diffId(layer1)));
        Digest layer = Digest.sha256(gzip(layer1));
        registry.failBlobRequests(layer, 2);
        List<ProgressMessage> messages = pull("team/app:1");
        String id = layer.shortHex();
        List<String> statuses = distinctRuns(statusesOf(messages, id));
        assertEquals(List.of("Pulling fs layer",
                "Retrying in 5 seconds", "Retrying in 4 seconds", "Retrying in 3 seconds", "Retrying in 2 seconds",
                "Retrying in 1 second", "Retrying in 10 seconds"), statuses.subList(0, 7));
        assertEquals(List.of("Retrying in 1 second", "Downloading", "Download complete", "Extracting", "Pull complete"),
                statuses.subList(statuses.size() - 5, statuses.size()));
    }

    @Test
    void givesUpAfterFiveAttempts() throws Exception {
        publish("1", List.of(layer1), List.of(true), List.of(diffId(layer1)));
        registry.failBlobRequests(Digest.sha256(gzip(layer1)), 5);
        EngineException e = assertThrows(EngineException.class, () -> pull("team/app:1"));
        assertEquals("unavailable: service unavailable", e.getMessage());
        assertTrue(images.images().isEmpty());
    }

    @Test
    void corruptLayerBlobIsRejectedAndNotStored() throws Exception {
        Digest listDigest = publishDefault("1");
        Digest layerDigest = Digest.sha256(gzip(layer1));
        registry.putBlobAs(layerDigest, gzip(tar(Map.of("evil", "x"))));
        EngineException e = assertThrows(EngineException.class, () -> pull("team/app:1"));
        assertEquals("filesystem layer verification failed for digest " + layerDigest, e.getMessage());
        assertTrue(!blobs.exists(layerDigest) && images.images().isEmpty() && !blobs.exists(listDigest));
    }

    @Test
    void configThatLiesAboutDiffIdsIsRejected() throws Exception {
        publish("1", List.of(layer1), List.of(true), List.of(diffId(layer2)));
        EngineException e = assertThrows(EngineException.class, () -> pull("team/app:1"));
        assertEquals("layers from manifest don't match image configuration", e.getMessage());
        assertTrue(images.images().isEmpty());
        try (var s = Files.list(data.resolve("image/layers"))) {
            assertEquals(0, s.count(), "no layer registered");
        }
    }

    @Test
    void requestedReferenceFollowsTheCreateQuery() {
        assertEquals("docker.io/library/busybox:latest", PullService.requestedReference("docker.io/library/busybox", "latest").toString());
        assertEquals("docker.io/library/busybox", PullService.requestedReference("busybox", "").toString(), "all tags");
        String d = "sha256:" + "a".repeat(64);
        assertEquals("docker.io/library/busybox@" + d, PullService.requestedReference("busybox", d).toString());
        assertEquals("invalid reference format: repository name must be lowercase",
                assertThrows(EngineException.class, () -> PullService.requestedReference("Busybox", "latest")).getMessage());
        assertEquals(Reference.parseNormalized("busybox:1"), PullService.requestedReference("busybox:", "1"));
    }

    // ---- helpers ----

    private static List<String> statusesOf(List<ProgressMessage> messages, String id) {
        return messages.stream().filter(m -> id.equals(m.id())).map(ProgressMessage::status).toList();
    }

    /** Collapses repeated statuses (several Downloading/Extracting updates) into one. */
    private static List<String> distinctRuns(List<String> statuses) {
        List<String> out = new ArrayList<>();
        for (String s : statuses) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static int pullCompleteIndex(List<ProgressMessage> messages, String id) {
        for (int i = 0; i < messages.size(); i++) {
            if (id.equals(messages.get(i).id()) && messages.get(i).status().equals("Pull complete")) {
                return i;
            }
        }
        return -1;
    }

    static byte[] tar(Map<String, String> files) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
                for (var f : new java.util.TreeMap<>(files).entrySet()) {
                    byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                    e.setSize(content.length);
                    e.setMode(0755);
                    t.putArchiveEntry(e);
                    t.write(content);
                    t.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String diffId(byte[] tar) {
        return Digest.sha256(tar).toString();
    }
}
