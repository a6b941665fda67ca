package dev.skiff.cli.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The few fields of {@code GET /containers/{name}/json} the client itself needs. */
public record ContainerDetails(@JsonProperty("Id") String id, @JsonProperty("Config") Config config) {
    public record Config(@JsonProperty("Tty") boolean tty) {
    }

    public boolean tty() {
        return config != null && config.tty();
    }
}
