package dev.skiff.daemon.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.runtime.layer.OverlayLayerStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SavedImageTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    private static SavedImage saved(List<String> tags, String... diffIds) throws IOException {
        String ids = String.join(",", java.util.Arrays.stream(diffIds).map(d -> "\"" + d + "\"").toList());
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-01-01T00:00:00Z\",\"config\":{\"Cmd\":[\"sh\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]},\"history\":[]}").getBytes(StandardCharsets.UTF_8);
        return SavedImage.of(Digest.sha256(config), config, OverlayLayerStore.chainIds(List.of(diffIds)), tags);
    }

    @Test
    void manifestAndRepositoriesNameLayerDirsByChainedV1Ids() throws IOException {
        SavedImage img = saved(List.of("savetest:2"), D1, D2);
        JsonNode manifest = Json.MAPPER.readTree(SavedImage.manifestJson(List.of(img)));
        assertEquals(img.imageId().hex() + ".json", manifest.get(0).get("Config").asText());
        assertEquals("savetest:2", manifest.get(0).get("RepoTags").get(0).asText());
        String lower = img.layers().get(0).v1Id();
        String top = img.layers().get(1).v1Id();
        assertEquals(List.of(lower + "/layer.tar", top + "/layer.tar"),
                List.of(manifest.get(0).get("Layers").get(0).asText(), manifest.get(0).get("Layers").get(1).asText()));
        assertEquals("{\"savetest\":{\"2\":\"" + top + "\"}}",
                new String(SavedImage.repositoriesJson(List.of(img)), StandardCharsets.UTF_8));

        JsonNode topJson = Json.MAPPER.readTree(img.layers().get(1).json());
        assertEquals(top, topJson.get("id").asText());
        assertEquals(lower, topJson.get("parent").asText());
        assertEquals("sh", topJson.path("config").path("Cmd").get(0).asText());
        assertFalse(topJson.has("rootfs"));
        assertFalse(Json.MAPPER.readTree(img.layers().get(0).json()).has("parent"));

        assertEquals(top, saved(List.of("other:1"), D1, D2).layers().get(1).v1Id(), "tags do not change layer ids");
        assertNotEquals(top, saved(List.of(), D2, D1).layers().get(1).v1Id());
    }

    @Test
    void untaggedImagesHaveNullRepoTagsAndNoRepositoriesFile() throws IOException {
        SavedImage img = saved(List.of(), D1);
        assertEquals("null", Json.MAPPER.readTree(SavedImage.manifestJson(List.of(img))).get(0).get("RepoTags").toString());
        assertNull(SavedImage.repositoriesJson(List.of(img)));
    }

    @Test
    void archiveNamesMustStayInside() {
        assertEquals("abc/layer.tar", ImageLoader.clean("./abc/layer.tar"));
        assertThrows(EngineException.class, () -> ImageLoader.clean("../etc/passwd"));
        assertThrows(EngineException.class, () -> ImageLoader.clean("/etc/passwd"));
        assertThrows(EngineException.class, () -> ImageLoader.clean("a/../../b"));
    }
}
