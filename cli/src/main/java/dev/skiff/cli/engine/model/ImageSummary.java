package dev.skiff.cli.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One entry of {@code GET /images/json}. */
public record ImageSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Created") long created,
        @JsonProperty("Size") long size) {
    public ImageSummary {
        repoTags = repoTags == null ? List.of() : repoTags;
        repoDigests = repoDigests == null ? List.of() : repoDigests;
    }
}
