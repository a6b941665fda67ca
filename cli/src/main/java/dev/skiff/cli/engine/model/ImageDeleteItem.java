package dev.skiff.cli.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of the {@code DELETE /images/{name}} answer: either an untagged reference or a deleted id. */
public record ImageDeleteItem(@JsonProperty("Untagged") String untagged, @JsonProperty("Deleted") String deleted) {
}
