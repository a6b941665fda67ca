package dev.skiff.cli.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The answer to {@code POST /containers/create}. */
public record CreateResponse(@JsonProperty("Id") String id, @JsonProperty("Warnings") List<String> warnings) {
    public CreateResponse {
        warnings = warnings == null ? List.of() : warnings;
    }
}
