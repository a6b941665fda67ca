package dev.skiff.daemon.image;

import dev.skiff.daemon.reference.Digest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageHistoryTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    private static Image image(String history, Digest parent, String... diffIds) throws IOException {
        String ids = String.join(",", java.util.Arrays.stream(diffIds).map(d -> "\"" + d + "\"").toList());
        byte[] json = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + ids + "]},\"history\":" + history + "}").getBytes(StandardCharsets.UTF_8);
        ImageConfig config = ImageConfig.parse(json);
        return new Image(Digest.sha256(json), config, dev.skiff.runtime.layer.OverlayLayerStore.chainIds(config.diffIds()),
                0, parent, null);
    }

    private static ImageHistory.Lookup lookup(Map<String, Long> sizes, Map<Digest, List<String>> tags, Map<Digest, Image> images) {
        return new ImageHistory.Lookup() {
            public long layerSize(String chainId) {
                return sizes.get(chainId);
            }

            public List<String> tags(Image i) {
                return tags.getOrDefault(i.id(), List.of());
            }

            public Image parent(Image i) {
                return i.parent() == null ? null : images.get(i.parent());
            }
        };
    }

    @Test
    void newestFirstSizedByLayerEmptyLayersZeroMissingBelowTop() throws IOException {
        Image img = image("[{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"/bin/sh -c #(nop) ADD file:x in / \"},"
                + "{\"created\":\"2026-01-01T00:00:01Z\",\"created_by\":\"/bin/sh -c #(nop)  CMD [\\\"sh\\\"]\",\"empty_layer\":true},"
                + "{\"created\":\"2026-01-02T00:00:00Z\",\"created_by\":\"RUN x\",\"comment\":\"note\"}]", null, D1, D2);
        List<String> chain = img.chainIds();
        List<ImageHistory.Entry> rows = ImageHistory.of(img,
                lookup(Map.of(chain.get(0), 100L, chain.get(1), 7L), Map.of(img.id(), List.of("a:1", "b:2")), Map.of()));
        assertEquals(List.of(
                new ImageHistory.Entry(img.id().toString(), 1767312000L, "RUN x", 7, "note", List.of("a:1", "b:2")),
                new ImageHistory.Entry("<missing>", 1767225601L, "/bin/sh -c #(nop)  CMD [\"sh\"]", 0, "", null),
                new ImageHistory.Entry("<missing>", 1767225600L, "/bin/sh -c #(nop) ADD file:x in / ", 100, "", null)), rows);
    }

    @Test
    void localParentsNameTheRowsBelowAndUntaggedTopHasNullTags() throws IOException {
        Image parent = image("[{\"created\":\"2026-01-01T00:00:00Z\"}]", null, D1);
        Image child = image("[{\"created\":\"2026-01-01T00:00:00Z\"},{\"created\":\"2026-01-02T00:00:00Z\",\"empty_layer\":true}]",
                parent.id(), D1);
        List<ImageHistory.Entry> rows = ImageHistory.of(child, lookup(Map.of(child.chainIds().get(0), 5L),
                Map.of(parent.id(), List.of("base:1")), Map.of(parent.id(), parent)));
        assertEquals(child.id().toString(), rows.get(0).id());
        assertEquals(null, rows.get(0).tags());
        assertEquals(parent.id().toString(), rows.get(1).id());
        assertEquals(List.of("base:1"), rows.get(1).tags());
    }

    @Test
    void noHistoryIsAnEmptyListAndTooManyLayersIsAnError() throws IOException {
        assertEquals(List.of(), ImageHistory.of(image("[]", null, D1), lookup(Map.of(), Map.of(), Map.of())));
        Image bad = image("[{\"created\":\"2026-01-01T00:00:00Z\"},{\"created\":\"2026-01-01T00:00:00Z\"}]", null, D1);
        assertThrows(IllegalStateException.class, () -> ImageHistory.of(bad, lookup(Map.of(bad.chainIds().get(0), 1L), Map.of(), Map.of())));
    }
}
