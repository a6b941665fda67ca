package dev.skiff.daemon.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.daemon.reference.Digest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Docker schema 2 manifests/manifest lists and OCI manifests/indexes. The type comes
 * from the Content-Type the registry sent, or from the document itself when that header is
 * missing or generic (OCI documents may omit mediaType).
 */
public final class ManifestParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestParser() {
    }

    public static ManifestDocument parse(String contentType, byte[] raw) throws IOException {
        JsonNode doc;
        try {
            doc = JSON.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("invalid manifest: " + e.getOriginalMessage(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IOException("invalid manifest: not a JSON object");
        }
        String type = mediaType(contentType, doc);
        Digest digest = Digest.sha256(raw);
        switch (type) {
            case MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST -> {
                if (!doc.path("config").isObject() || !doc.path("layers").isArray()) {
                    throw new IOException("invalid manifest: missing config or layers");
                }
                List<Descriptor> layers = new ArrayList<>();
                for (JsonNode l : doc.get("layers")) {
                    layers.add(descriptor(l));
                }
                return new ManifestDocument.ImageManifest(type, digest, raw, descriptor(doc.get("config")), List.copyOf(layers));
            }
            case MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX -> {
                if (!doc.path("manifests").isArray()) {
                    throw new IOException("invalid manifest list: missing manifests");
                }
                List<Descriptor> entries = new ArrayList<>();
                for (JsonNode m : doc.get("manifests")) {
                    entries.add(descriptor(m));
                }
                return new ManifestDocument.ImageIndex(type, digest, raw, List.copyOf(entries));
            }
            default -> throw new IOException("unsupported manifest media type " + (type.isEmpty() ? "(none)" : type));
        }
    }

    private static String mediaType(String contentType, JsonNode doc) {
        String header = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (MediaTypes.ACCEPTED_MANIFESTS.contains(header)) {
            return header;
        }
        String declared = doc.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        if (doc.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (doc.has("config") && doc.has("layers")) {
            return MediaTypes.OCI_MANIFEST;
        }
        return header;
    }

    private static Descriptor descriptor(JsonNode n) throws IOException {
        String digest = n.path("digest").asText("");
        if (!Digest.isDigest(digest)) {
            throw new IOException("invalid manifest: bad digest \"" + digest + "\"");
        }
        Platform platform = null;
        JsonNode p = n.get("platform");
        if (p != null && p.isObject()) {
            platform = new Platform(p.path("os").asText(""), p.path("architecture").asText(""),
                    p.path("variant").asText(""));
        }
        return new Descriptor(n.path("mediaType").asText(""), Digest.parse(digest), n.path("size").asLong(-1), platform);
    }
}
