package dev.skiff.cli.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One entry of {@code GET /containers/json}. */
public record ContainerSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("Names") List<String> names,
        @JsonProperty("Image") String image,
        @JsonProperty("Command") String command,
        @JsonProperty("Created") long created,
        @JsonProperty("State") String state,
        @JsonProperty("Status") String status,
        @JsonProperty("Ports") List<Port> ports) {
    public ContainerSummary {
        names = names == null ? List.of() : names;
        ports = ports == null ? List.of() : ports;
        image = image == null ? "" : image;
        command = command == null ? "" : command;
        status = status == null ? "" : status;
    }

    /** A published or exposed port as listed by {@code /containers/json}. */
    public record Port(
            @JsonProperty("IP") String ip,
            @JsonProperty("PrivatePort") int privatePort,
            @JsonProperty("PublicPort") int publicPort,
            @JsonProperty("Type") String type) {
        public Port {
            ip = ip == null ? "" : ip;
            type = type == null ? "" : type;
        }
    }
}
