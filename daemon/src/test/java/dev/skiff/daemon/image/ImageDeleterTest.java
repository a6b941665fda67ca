package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.runtime.layer.LayerInfo;
import dev.skiff.runtime.layer.OverlayLayerStore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rmi and prune planning against a real store (layers on disk), with containers given as data. */
class ImageDeleterTest {
    @TempDir
    java.nio.file.Path data;
    ImageStore store;
    BlobStore blobs;
    OverlayLayerStore layers;
    final List<ImageUsers.User> containers = new ArrayList<>();
    String usedImage;
    ImageService service;
    EventBus bus;

    @BeforeEach
    void setUp() throws IOException {
        java.nio.file.Path imageDir = data.resolve("image");
        blobs = new BlobStore(imageDir);
        layers = new OverlayLayerStore(imageDir.resolve("layers"));
        store = new ImageStore(imageDir, blobs, layers);
        ImageUsers users = imageId -> imageId.equals(usedImage) ? List.copyOf(containers) : List.of();
        bus = new EventBus();
        service = new ImageService(store, users, new ImageEvents(bus), Clock.systemUTC());
    }

    private static byte[] tar(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            e.setSize(b.length);
            t.putArchiveEntry(e);
            t.write(b);
            t.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /** An image of the given layers (each a one-file tar), registered bottom first. */
    private Image image(String created, Digest parent, byte[]... layerTars) throws IOException {
        StringBuilder diffIds = new StringBuilder();
        String chain = null;
        for (byte[] t : layerTars) {
            String diffId = Digest.sha256(t).toString();
            layers.register(chain, diffId, new ByteArrayInputStream(t));
            chain = OverlayLayerStore.chainId(chain, diffId);
            diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(diffId).append('"');
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + created
                + "\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        return store.put(config, parent);
    }

    private void tag(Image image, String ref) throws IOException {
        store.addReference(Reference.parseNormalized(ref).withDefaultTag(), image.id());
    }

    private List<String> lines(ImageDeleter.Result r) {
        return r.records().stream().map(d -> d.untagged() != null ? "Untagged: " + d.untagged() : "Deleted: " + d.deleted()).toList();
    }

    private EngineException conflict(String name, boolean force) {
        EngineException e = assertThrows(EngineException.class, () -> service.delete(name, force, false));
        assertEquals(ErrorKind.CONFLICT, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void removingOneOfTwoTagsOnlyUntagsThenTheLastDeletesImageAndLayer() throws IOException {
        byte[] layer = tar("a", "1");
        Image img = image("2026-01-01T00:00:00Z", null, layer);
        tag(img, "rmitest:1");
        tag(img, "rmitest:extra");
        assertEquals(List.of("Untagged: rmitest:extra"), lines(service.delete("rmitest:extra", false, false)));
        String chain = img.chainIds().get(0);
        Digest diffId = Digest.sha256(layer);
        blobs.put(diffId, layer);
        store.layerBlobs().record(diffId, new LayerBlobs.Source(diffId, "application/vnd.docker.image.rootfs.diff.tar", ""));
        assertEquals(List.of("Untagged: rmitest:1", "Deleted: " + img.id(), "Deleted: " + chain),
                lines(service.delete("rmitest:1", false, false)));
        assertFalse(layers.exists(chain));
        assertFalse(blobs.exists(diffId), "the layer's blob went with it");
        assertEquals(List.of(), store.layerBlobs().sources(diffId));
        assertFalse(blobs.exists(img.id()));
        assertTrue(store.images().isEmpty());
        EngineException missing = assertThrows(EngineException.class, () -> service.delete("rmitest:1", false, false));
        assertEquals("No such image: rmitest:1", missing.getMessage());
    }

    @Test
    void tagUntagAndDeleteAreImageEventsAsDockerdSendsThem() throws Exception {
        Image img = image("2026-01-01T00:00:00Z", null);
        tag(img, "evt:0");
        try (EventBus.Subscription events = bus.subscribe(-1, e -> true)) {
            service.tag("evt:0", "docker.io/library/evt", "1");
            service.delete("evt:0", false, false);
            service.delete("evt:1", false, false);
            String id = img.id().toString();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                dev.skiff.daemon.events.Event e = events.poll(1000);
                assertEquals("image", e.type());
                assertEquals(id, e.actorId());
                seen.add(e.action() + " " + e.attributes().get("name"));
            }
            assertEquals(List.of("tag evt:1", "untag " + id, "untag " + id, "delete " + id), seen);
        }
    }

    @Test
    void layersOfOtherImagesAreKept() throws IOException {
        byte[] base = tar("base", "b");
        Image one = image("2026-01-01T00:00:00Z", null, base);
        Image two = image("2026-01-02T00:00:00Z", null, base, tar("top", "t"));
        tag(one, "one:1");
        tag(two, "two:1");
        assertEquals(List.of("Untagged: two:1", "Deleted: " + two.id(), "Deleted: " + two.chainIds().get(1)),
                lines(service.delete("two:1", false, false)));
        assertTrue(layers.exists(one.chainIds().get(0)));
    }

    @Test
    void idOfImageWithTwoTagsNeedsForceThenUntagsBoth() throws IOException {
        Image img = image("2026-01-01T00:00:00Z", null, tar("a", "2"));
        tag(img, "twotags:1");
        tag(img, "twotags:2");
        String shortId = img.id().shortHex();
        assertEquals("conflict: unable to delete " + shortId + " (must be forced) - image is referenced in multiple repositories",
                conflict(shortId, false).getMessage());
        assertEquals(List.of("Untagged: twotags:1", "Untagged: twotags:2", "Deleted: " + img.id(),
                "Deleted: " + img.chainIds().get(0)), lines(service.delete(shortId, true, false)));
    }

    @Test
    void idWithOneTagAndItsDigestDeletes() throws IOException {
        Image img = image("2026-01-01T00:00:00Z", null);
        tag(img, "rmiid:1");
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1,\"digest\":\""
                + img.id() + "\"},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        Digest manifestDigest = Digest.sha256(manifest);
        blobs.put(manifestDigest, manifest);
        store.addReference(Reference.parseNormalized("rmiid@" + manifestDigest), img.id());
        assertEquals(List.of("Untagged: rmiid:1", "Untagged: rmiid@" + manifestDigest, "Deleted: " + img.id()),
                lines(service.delete(img.id().hex().substring(0, 12), false, false)));
        assertFalse(blobs.exists(manifestDigest), "the manifest went with its last reference");
    }

    @Test
    void lastTagTakesTheRepositorysDigestReferencesAlong() throws IOException {
        Image img = image("2026-01-01T00:00:00Z", null);
        tag(img, "busybox:latest");
        tag(img, "other:1");
        store.addReference(Reference.parseNormalized("busybox@sha256:" + "b".repeat(64)), img.id());
        assertEquals(List.of("Untagged: busybox:latest", "Untagged: busybox@sha256:" + "b".repeat(64)),
                lines(service.delete("busybox", false, false)));
        assertEquals(List.of(Reference.parseNormalized("other:1")), store.references(img.id()));
    }

    @Test
    void stoppedContainerBlocksUnlessForcedAndForcedDeleteKeepsItsLayers() throws IOException {
        Image img = image("2026-01-01T00:00:00Z", null, tar("a", "3"));
        tag(img, "inuse:1");
        usedImage = img.id().toString();
        containers.add(new ImageUsers.User("501fe7f14caf" + "0".repeat(52), false));
        Set<java.nio.file.Path> containerLayers = Set.copyOf(store.lowerDirs(img));
        store.setLayerUsers(() -> containerLayers);
        String shortId = img.id().shortHex();
        assertEquals("conflict: unable to remove repository reference \"inuse:1\" (must force) - container 501fe7f14caf"
                + " is using its referenced image " + shortId, conflict("inuse:1", false).getMessage());
        assertEquals("conflict: unable to delete " + shortId + " (must be forced) - image is being used by stopped container 501fe7f14caf",
                conflict(shortId, false).getMessage());
        assertEquals(List.of("Untagged: inuse:1", "Deleted: " + img.id()), lines(service.delete("inuse:1", true, false)));
        assertTrue(layers.exists(img.chainIds().get(0)), "the container still stacks on the layer");

        // the container is removed: its layers, which no image names any more, go with it
        store.setLayerUsers(Set::of);
        assertEquals(List.of(img.chainIds().get(0)),
                store.collectLayers(containerLayers).stream().map(LayerInfo::chainId).toList());
        assertFalse(layers.exists(img.chainIds().get(0)));
    }

    @Test
    void layersOfAFailedOperationGoWhenItsLeaseEndsThoseOfAStoredImageStay() throws IOException {
        byte[] base = tar("base", "1");
        byte[] top = tar("top", "2");
        String baseChain = Digest.sha256(base).toString();
        String topChain = OverlayLayerStore.chainId(baseChain, Digest.sha256(top).toString());
        try (LayerLease failed = store.leaseLayers()) {
            failed.hold(List.of(baseChain, topChain));
            layers.register(null, baseChain, new ByteArrayInputStream(base));
            layers.register(baseChain, Digest.sha256(top).toString(), new ByteArrayInputStream(top));
        }
        assertFalse(layers.exists(baseChain), "nothing names the layers of an operation that failed");
        assertFalse(layers.exists(topChain));

        Image stored;
        try (LayerLease ok = store.leaseLayers()) {
            ok.hold(List.of(baseChain));
            stored = image("2026-01-01T00:00:00Z", null, base);
        }
        assertTrue(layers.exists(baseChain), "the stored image names it");
        assertEquals(List.of(baseChain), stored.chainIds());
    }

    @Test
    void atStartEveryLayerThatNoImageOrContainerUsesIsRemoved() throws IOException {
        Image kept = image("2026-01-01T00:00:00Z", null, tar("image", "1"));
        byte[] containerOnly = tar("container", "2");
        byte[] orphan = tar("orphan", "3");
        String containerChain = Digest.sha256(containerOnly).toString();
        String orphanChain = Digest.sha256(orphan).toString();
        layers.register(null, containerChain, new ByteArrayInputStream(containerOnly));
        layers.register(null, orphanChain, new ByteArrayInputStream(orphan));
        store.setLayerUsers(() -> Set.of(layers.diffDir(containerChain)));

        assertEquals(List.of(orphanChain), store.collectUnusedLayers().stream().map(LayerInfo::chainId).toList());
        assertTrue(layers.exists(kept.chainIds().get(0)));
        assertTrue(layers.exists(containerChain));
        assertFalse(layers.exists(orphanChain));
    }

    @Test
    void aLayerHeldByAnOperationOutlivesTheDeletionOfTheImageThatHadIt() throws IOException {
        byte[] base = tar("base", "shared");
        Image old = image("2026-01-01T00:00:00Z", null, base);
        tag(old, "old:1");
        String baseChain = old.chainIds().get(0);
        try (LayerLease pulling = store.leaseLayers()) {
            pulling.hold(List.of(baseChain));   // a pull of another image found this layer present
            assertEquals(List.of("Untagged: old:1", "Deleted: " + old.id()), lines(service.delete("old:1", false, false)));
            assertTrue(layers.exists(baseChain));
        }
        assertFalse(layers.exists(baseChain), "released with no image left to name it");
    }

    @Test
    void runningContainerCannotBeForcedButForcedNameUntags() throws IOException {
        Image img = image("2026-01-01T00:00:00Z", null);
        tag(img, "inuse:1");
        usedImage = img.id().toString();
        containers.add(new ImageUsers.User("8ba5f34e8d73" + "1".repeat(52), true));
        String shortId = img.id().shortHex();
        String running = "conflict: unable to delete " + shortId + " (cannot be forced) - image is being used by running container 8ba5f34e8d73";
        assertEquals(running, conflict(shortId, false).getMessage());
        assertEquals(running, conflict(shortId, true).getMessage());
        assertEquals(List.of("Untagged: inuse:1"), lines(service.delete("inuse:1", true, false)));
        assertTrue(store.exists(img.id()));
    }

    @Test
    void childImagesBlockAndDanglingParentsGoUnlessNoprune() throws IOException {
        Image parent = image("2026-01-01T00:00:00Z", null);
        Image child = image("2026-01-02T00:00:00Z", parent.id());
        tag(child, "child:1");
        assertEquals("conflict: unable to delete " + parent.id().shortHex() + " (cannot be forced) - image has dependent child images",
                conflict(parent.id().hex(), true).getMessage());
        assertEquals(List.of("Untagged: child:1", "Deleted: " + child.id(), "Deleted: " + parent.id()),
                lines(service.delete("child:1", false, false)));

        Image keptParent = image("2026-01-03T00:00:00Z", null);
        Image child2 = image("2026-01-04T00:00:00Z", keptParent.id());
        tag(child2, "child:2");
        assertEquals(List.of("Untagged: child:2", "Deleted: " + child2.id()), lines(service.delete("child:2", false, true)));
        assertTrue(store.exists(keptParent.id()));
    }

    @Test
    void pruneDeletesDanglingHeadsAndWithAllUnusedTaggedOnes() throws IOException {
        Image tagged = image("2026-01-01T00:00:00Z", null);
        tag(tagged, "keep:1");
        Image dangling = image("2026-01-02T00:00:00Z", null, tar("d", "4"));
        Image used = image("2026-01-03T00:00:00Z", null);
        usedImage = used.id().toString();
        containers.add(new ImageUsers.User("c".repeat(64), false));

        ImagePruner.Pruned p = service.prune(Filters.parse("{\"dangling\":{\"true\":true}}"));
        assertEquals(List.of(DeleteRecord.deleted(dangling.id().toString()), DeleteRecord.deleted(dangling.chainIds().get(0))),
                p.deleted());
        assertEquals(1, p.spaceReclaimed());
        assertTrue(store.exists(used.id()));

        assertNull(service.prune(Filters.parse("{\"dangling\":{\"true\":true},\"until\":{\"1h\":true}}")).deleted()
                .stream().findAny().orElse(null));
        ImagePruner.Pruned all = service.prune(Filters.parse("{\"dangling\":{\"false\":true},\"label\":{\"x\":true}}"));
        assertTrue(all.deleted().isEmpty(), "no image has label x");
        all = service.prune(Filters.parse("{\"dangling\":{\"false\":true}}"));
        assertEquals(List.of(DeleteRecord.untagged("keep:1"), DeleteRecord.deleted(tagged.id().toString())), all.deleted());
        assertEquals(List.of(used), store.images());
    }
}
