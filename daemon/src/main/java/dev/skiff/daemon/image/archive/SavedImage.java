package dev.skiff.daemon.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The legacy ("docker save") layout of one image: a directory per layer named by its v1 id, each
 * with VERSION, json (the v1 image description) and layer.tar, plus {@code <config hex>.json}.
 * v1 ids chain like dockerd's: the sha256 of the layer's v1 JSON (keys sorted) with its chain id
 * and parent v1 id, so equal layer chains get equal directory names.
 */
public record SavedImage(Digest imageId, byte[] config, List<String> repoTags, List<Layer> layers) {
    /** One layer directory. */
    public record Layer(String v1Id, String chainId, String diffId, byte[] json) {
        public String tarPath() {
            return v1Id + "/layer.tar";
        }
    }

    /** Lays out {@code configJson} (diff ids bottom first, chain ids alongside) with its tags. */
    public static SavedImage of(Digest imageId, byte[] configJson, List<String> chainIds, List<String> repoTags)
            throws IOException {
        JsonNode config = Json.MAPPER.readTree(configJson);
        List<String> diffIds = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        List<Layer> layers = new ArrayList<>();
        String parent = null;
        for (int i = 0; i < diffIds.size(); i++) {
            ObjectNode v1;
            if (i == diffIds.size() - 1) {
                v1 = config.deepCopy();
                v1.remove("history");
                v1.remove("rootfs");
            } else {
                v1 = Json.MAPPER.createObjectNode();
                v1.set("created", config.path("created"));
                v1.put("os", config.path("os").asText("linux"));
            }
            String v1Id = v1Id(v1, chainIds.get(i), parent);
            ObjectNode described = Json.MAPPER.createObjectNode();
            described.put("id", v1Id);
            if (parent != null) {
                described.put("parent", parent);
            }
            described.setAll(v1);
            layers.add(new Layer(v1Id, chainIds.get(i), diffIds.get(i), Json.MAPPER.writeValueAsBytes(described)));
            parent = v1Id;
        }
        return new SavedImage(imageId, configJson, List.copyOf(repoTags), List.copyOf(layers));
    }

    private static String v1Id(ObjectNode v1, String chainId, String parent) throws IOException {
        Map<String, Object> keyed = new TreeMap<>(Json.MAPPER.convertValue(v1, Map.class));
        keyed.put("layer_id", chainId);
        if (parent != null) {
            keyed.put("parent", "sha256:" + parent);
        }
        return Digest.sha256(Json.MAPPER.writeValueAsBytes(keyed)).hex();
    }

    public String configPath() {
        return imageId.hex() + ".json";
    }

    /** manifest.json: one entry per image, in the order saved. */
    public static byte[] manifestJson(List<SavedImage> images) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (SavedImage i : images) {
            Map<String, Object> e = new java.util.LinkedHashMap<>();
            e.put("Config", i.configPath());
            e.put("RepoTags", i.repoTags().isEmpty() ? null : i.repoTags());
            e.put("Layers", i.layers().stream().map(Layer::tarPath).toList());
            entries.add(e);
        }
        return Json.MAPPER.writeValueAsBytes(entries);
    }

    /** repositories: familiar repository -> tag -> top layer v1 id; null when nothing is tagged. */
    public static byte[] repositoriesJson(List<SavedImage> images) throws IOException {
        Map<String, Map<String, String>> repos = new TreeMap<>();
        for (SavedImage i : images) {
            if (i.layers().isEmpty()) {
                continue;
            }
            String top = i.layers().get(i.layers().size() - 1).v1Id();
            for (String tag : i.repoTags()) {
                Reference r = Reference.parseNormalized(tag);
                repos.computeIfAbsent(r.familiarName(), k -> new TreeMap<>()).put(r.tag(), top);
            }
        }
        return repos.isEmpty() ? null : Json.MAPPER.writeValueAsBytes(repos);
    }
}
