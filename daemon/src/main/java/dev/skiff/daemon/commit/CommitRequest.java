package dev.skiff.daemon.commit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code POST /commit}'s parameters.
 *
 * @param repo    repository to tag the image with; empty for none
 * @param tag     its tag; empty for "latest"
 * @param pause   freeze a running container while its layer is read (dockerd's default: true)
 * @param changes Dockerfile instructions applied to the config
 * @param config  the body's Config, or null to start from the container's
 */
public record CommitRequest(String container, String repo, String tag, String comment, String author, boolean pause,
                            List<String> changes, JsonNode config) {
    public CommitRequest {
        repo = repo == null ? "" : repo;
        tag = tag == null ? "" : tag;
        comment = comment == null ? "" : comment;
        author = author == null ? "" : author;
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
