package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.runtime.layer.OverlayLayerStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageStoreTest {
    @TempDir
    Path data;
    ImageStore store;

    @BeforeEach
    void setUp() throws IOException {
        store = open();
    }

    private ImageStore open() throws IOException {
        Path imageDir = data.resolve("image");
        return new ImageStore(imageDir, new BlobStore(imageDir), new OverlayLayerStore(imageDir.resolve("layers")));
    }

    /** A layerless image config; created and labels make each one distinct. */
    static byte[] config(String created, String labels) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + created + "\",\"config\":{\"Cmd\":[\"sh\"]"
                + (labels == null ? "" : ",\"Labels\":" + labels) + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Image put(String created, String labels) throws IOException {
        return store.put(config(created, labels), null);
    }

    @Test
    void looksImagesUpLikeDockerd() throws Exception {
        Image img = put("2026-01-01T00:00:00Z", null);
        Reference tag = Reference.parseNormalized("busybox:latest");
        Reference digest = Reference.parseNormalized("busybox@sha256:" + "e".repeat(64));
        assertNull(store.addReference(tag, img.id()));
        store.addReference(digest, img.id());

        for (String q : List.of("busybox", "busybox:latest", "docker.io/library/busybox:latest", "library/busybox",
                "busybox@sha256:" + "e".repeat(64), "busybox:other@sha256:" + "e".repeat(64),
                img.id().toString(), img.id().hex(), img.id().hex().substring(0, 12), "sha256:" + img.id().hex().substring(0, 5))) {
            assertEquals(img.id(), store.resolve(q).id(), q);
        }
        assertEquals(List.of(tag, digest), store.references(img.id()), "sorted by full name");

        assertNotFound("nosuchimage", "No such image: nosuchimage:latest");
        assertNotFound("busybox:nosuchtag", "No such image: busybox:nosuchtag");
        assertNotFound("sha256:" + "0".repeat(64), "No such image: sha256:" + "0".repeat(64));
        assertNotFound("0".repeat(64), "No such image: sha256:" + "0".repeat(64));
        EngineException bad = assertThrows(EngineException.class, () -> store.resolve("Busybox"));
        assertEquals(ErrorKind.INVALID_PARAMETER, bad.kind());
        assertEquals("invalid reference format: repository name must be lowercase", bad.getMessage());
    }

    @Test
    void ambiguousIdPrefixIsNotFound() throws Exception {
        // find two ids sharing a first hex digit
        Image a = put("2026-01-01T00:00:00Z", null);
        Image b = null;
        for (int i = 0; b == null || b.id().hex().charAt(0) != a.id().hex().charAt(0); i++) {
            b = put("2026-01-02T00:00:" + String.format("%02d", i % 60) + "." + i + "Z", null);
        }
        String prefix = a.id().hex().substring(0, 1);
        assertNotFound(prefix, "No such image: " + prefix + ":latest");
        assertEquals(a.id(), store.resolve(a.id().hex().substring(0, 20)).id());
    }

    private void assertNotFound(String q, String message) {
        EngineException e = assertThrows(EngineException.class, () -> store.resolve(q));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void tagsAndLastTagTimeSurviveARestart() throws Exception {
        Image img = put("2026-01-01T00:00:00Z", null);
        store.addReference(Reference.parseNormalized("busybox:latest"), img.id());
        assertNull(store.get(img.id()).orElseThrow().lastTagTime(), "a pull does not stamp LastTagTime");
        store.tag(Reference.parseNormalized("localhost:5000/team/bb:v1"), img.id());
        assertTrue(store.get(img.id()).orElseThrow().lastTagTime() != null);

        ImageStore reopened = open();
        assertEquals(store.get(img.id()), reopened.get(img.id()));
        assertEquals(store.references(img.id()), reopened.references(img.id()));
        String repos = Files.readString(data.resolve("image/repositories.json"));
        assertTrue(repos.contains("\"busybox\":{\"busybox:latest\":\"" + img.id() + "\"}"), repos);
        assertTrue(repos.contains("\"localhost:5000/team/bb\":{\"localhost:5000/team/bb:v1\""), repos);
    }

    @Test
    void crashLeftoversAreIgnoredOrCleaned() throws Exception {
        Image img = put("2026-01-01T00:00:00Z", null);
        store.addReference(Reference.parseNormalized("busybox:latest"), img.id());
        Path imageDir = data.resolve("image");
        // kill -9 at various points: a half-written repositories.json, a half-downloaded blob,
        // image metadata whose config never made it, a reference to an image that never completed
        Files.writeString(imageDir.resolve(".repositories.json.123.tmp"), "{\"Repo");
        Files.writeString(imageDir.resolve("tmp/abc-1.part"), "partial");
        Files.writeString(imageDir.resolve("images/" + "f".repeat(64) + ".json"), "{\"parent\":null}");
        String repos = Files.readString(imageDir.resolve("repositories.json"));
        Files.writeString(imageDir.resolve("repositories.json"),
                repos.replace("}}}", "},\"ghost\":{\"ghost:1\":\"sha256:" + "f".repeat(64) + "\"}}}"));

        ImageStore reopened = open();
        assertEquals(List.of(img.id()), reopened.images().stream().map(Image::id).toList());
        assertThrows(EngineException.class, () -> reopened.resolve("ghost:1"));
        assertEquals(img.id(), reopened.resolve("busybox").id());
        assertFalse(Files.exists(imageDir.resolve(".repositories.json.123.tmp")));
        try (Stream<Path> s = Files.list(imageDir.resolve("tmp"))) {
            assertEquals(0, s.count());
        }
        assertFalse(Files.readString(imageDir.resolve("repositories.json")).contains("ghost"));
    }

    @Test
    void refusesImagesWhoseLayersAreMissing() {
        byte[] config = ("{\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "1".repeat(64) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> store.put(config, null));
        assertFalse(store.exists(Digest.sha256(config)));
    }

    // ---- listing ----

    @Test
    void listsNewestFirstWithNonePlaceholders() throws Exception {
        Image old = put("2026-01-01T00:00:00Z", null);
        Image mid = put("2026-01-02T00:00:00Z", "{\"tier\":\"demo\",\"x\":\"1\"}");
        Image child = store.put(config("2026-01-03T00:00:00Z", "{}"), mid.id());
        store.addReference(Reference.parseNormalized("busybox:latest"), old.id());
        store.addReference(Reference.parseNormalized("myrepo/bb:1.0"), old.id());
        store.addReference(Reference.parseNormalized("busybox@sha256:" + "e".repeat(64)), old.id());
        ImageListing listing = new ImageListing(store);

        List<ImageListing.Entry> all = listing.list(false, Filters.NONE);
        assertEquals(List.of(child.id(), old.id()), ids(all), "mid has a child and no name: hidden without all");
        assertEquals(List.of("<none>:<none>"), all.get(0).repoTags());
        assertEquals(List.of("<none>@<none>"), all.get(0).repoDigests());
        assertEquals(List.of("busybox:latest", "myrepo/bb:1.0"), all.get(1).repoTags());
        assertEquals(List.of("busybox@sha256:" + "e".repeat(64)), all.get(1).repoDigests());
        assertEquals(List.of(child.id(), mid.id(), old.id()), ids(listing.list(true, Filters.NONE)));

        assertEquals(List.of(child.id()), ids(listing.list(false, Filters.parse("{\"dangling\":{\"true\":true}}"))));
        assertEquals(List.of(old.id()), ids(listing.list(false, Filters.parse("{\"dangling\":{\"false\":true}}"))));
        assertEquals("Invalid filter 'dangling=[maybe]'", assertThrows(EngineException.class,
                () -> listing.list(false, Filters.parse("{\"dangling\":{\"maybe\":true}}"))).getMessage());
        assertEquals("Invalid filter 'bogus'", assertThrows(EngineException.class,
                () -> listing.list(false, Filters.parse("{\"bogus\":{\"1\":true}}"))).getMessage());

        List<ImageListing.Entry> byRef = listing.list(false, Filters.parse("{\"reference\":{\"busybox\":true}}"));
        assertEquals(List.of(old.id()), ids(byRef));
        assertEquals(List.of("busybox:latest"), byRef.get(0).repoTags());
        assertEquals(List.of("myrepo/bb:1.0"), listing.list(false, Filters.parse("{\"reference\":{\"*/bb:*\":true}}")).get(0).repoTags());

        assertEquals(List.of(mid.id()), ids(listing.list(true, Filters.parse("{\"label\":{\"tier=demo\":true}}"))));
        assertEquals(List.of(), ids(listing.list(true, Filters.parse("{\"label\":{\"tier=prod\":true}}"))));
        assertEquals(List.of(old.id()), ids(listing.list(true, Filters.parse("{\"before\":{\"" + mid.id() + "\":true}}"))));
        assertEquals(List.of(child.id()), ids(listing.list(true, Filters.parse("{\"since\":{\"" + mid.id().hex().substring(0, 12) + "\":true}}"))));
        assertEquals("No such image: nosuch:latest", assertThrows(EngineException.class,
                () -> listing.list(true, Filters.parse("{\"since\":{\"nosuch\":true}}"))).getMessage());
    }

    private static List<Digest> ids(List<ImageListing.Entry> entries) {
        return entries.stream().map(e -> e.image().id()).toList();
    }
}
