package dev.skiff.daemon.image;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The image's default container settings (the "config" object of an image configuration):
 * what a container created from the image starts with unless the create request overrides it.
 * Absent lists and maps are null, as dockerd keeps them.
 */
public record RunConfig(
        String user,
        List<String> env,
        List<String> cmd,
        List<String> entrypoint,
        String workingDir,
        String stopSignal,
        Integer stopTimeout,
        Set<String> exposedPorts,
        Map<String, String> labels,
        Set<String> volumes,
        List<String> onBuild,
        List<String> shell,
        JsonNode healthcheck,
        boolean argsEscaped) {

    static RunConfig from(JsonNode c) {
        if (c == null || !c.isObject()) {
            c = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        JsonNode stopTimeout = c.get("StopTimeout");
        JsonNode health = c.get("Healthcheck");
        return new RunConfig(
                c.path("User").asText(""),
                strings(c.get("Env")),
                strings(c.get("Cmd")),
                strings(c.get("Entrypoint")),
                c.path("WorkingDir").asText(""),
                c.path("StopSignal").asText(""),
                stopTimeout != null && stopTimeout.isInt() ? stopTimeout.asInt() : null,
                keys(c.get("ExposedPorts")),
                labels(c.get("Labels")),
                keys(c.get("Volumes")),
                strings(c.get("OnBuild")),
                strings(c.get("Shell")),
                health != null && health.isObject() ? health : null,
                c.path("ArgsEscaped").asBoolean(false));
    }

    /** Docker's StrSlice: a JSON array of strings, or a single string meaning a one-element list. */
    private static List<String> strings(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static Set<String> keys(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return java.util.Collections.unmodifiableSet(out);
    }

    private static Map<String, String> labels(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return java.util.Collections.unmodifiableMap(out);
    }
}
