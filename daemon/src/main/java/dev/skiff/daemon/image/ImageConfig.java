package dev.skiff.daemon.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.time.GoTime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed image configuration (Docker image JSON / OCI image config). {@code raw} is the
 * document as stored, for inspect; the typed fields are what the daemon acts on.
 *
 * @param created  creation time exactly as written in the config ("" if absent)
 * @param diffIds  rootfs.diff_ids, bottom-most layer first
 */
public record ImageConfig(
        JsonNode raw,
        String architecture,
        String os,
        String variant,
        String created,
        String author,
        String comment,
        String dockerVersion,
        String container,
        RunConfig config,
        JsonNode containerConfig,
        List<String> diffIds) {

    public static ImageConfig parse(byte[] json) throws IOException {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("invalid image config: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IOException("invalid image config: not a JSON object");
        }
        JsonNode rootfs = n.path("rootfs");
        if (!rootfs.path("type").asText("").equals("layers")) {
            throw new IOException("invalid image config: rootfs type is not \"layers\"");
        }
        List<String> diffIds = new ArrayList<>();
        for (JsonNode d : rootfs.path("diff_ids")) {
            if (!Digest.isDigest(d.asText()) || !d.asText().startsWith("sha256:")) {
                throw new IOException("invalid image config: bad diff id " + d);
            }
            diffIds.add(d.asText());
        }
        JsonNode cc = n.get("container_config");
        return new ImageConfig(n,
                n.path("architecture").asText(""),
                n.path("os").asText(""),
                n.path("variant").asText(""),
                n.path("created").asText(""),
                n.path("author").asText(""),
                n.path("comment").asText(""),
                n.path("docker_version").asText(""),
                n.path("container").asText(""),
                RunConfig.from(n.get("config")),
                cc != null && cc.isObject() ? cc : null,
                List.copyOf(diffIds));
    }

    /** Creation time in Unix seconds (/images/json "Created", sorting, before/since filters). */
    public long createdSeconds() {
        return unixSeconds(created);
    }

    /** An RFC 3339 time of an image document in Unix seconds; Go's zero time if absent or malformed. */
    public static long unixSeconds(String rfc3339) {
        return GoTime.parseRfc3339OrZero(rfc3339).toEpochSecond();
    }
}
