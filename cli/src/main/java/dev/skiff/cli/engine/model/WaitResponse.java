package dev.skiff.cli.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /containers/{id}/wait}. */
public record WaitResponse(@JsonProperty("StatusCode") long statusCode, @JsonProperty("Error") WaitError error) {
    /** Set when the daemon could not wait (the docker CLI then exits 125). */
    public record WaitError(@JsonProperty("Message") String message) {
    }

    public boolean failed() {
        return error != null && error.message() != null && !error.message().isEmpty();
    }
}
