package dev.skiff.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a container config (the "config"/"container_config" of an image, or a container's
 * Config) the way dockerd marshals its Go struct: every field in declaration order, zero values
 * written out, omitempty fields left out when empty, string-or-list fields as lists.
 */
public final class ContainerConfigJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ContainerConfigJson() {
    }

    /** {@code source} may be null or missing: the result is then the all-zero struct. */
    public static ObjectNode render(JsonNode source) {
        JsonNode c = source == null || !source.isObject() ? F.objectNode() : source;
        ObjectNode o = F.objectNode();
        o.put("Hostname", c.path("Hostname").asText(""));
        o.put("Domainname", c.path("Domainname").asText(""));
        o.put("User", c.path("User").asText(""));
        o.put("AttachStdin", c.path("AttachStdin").asBoolean(false));
        o.put("AttachStdout", c.path("AttachStdout").asBoolean(false));
        o.put("AttachStderr", c.path("AttachStderr").asBoolean(false));
        if (nonEmptyObject(c.get("ExposedPorts"))) {
            o.set("ExposedPorts", emptyValues(c.get("ExposedPorts")));
        }
        o.put("Tty", c.path("Tty").asBoolean(false));
        o.put("OpenStdin", c.path("OpenStdin").asBoolean(false));
        o.put("StdinOnce", c.path("StdinOnce").asBoolean(false));
        o.set("Env", list(c.get("Env")));
        o.set("Cmd", list(c.get("Cmd")));
        if (c.get("Healthcheck") != null && c.get("Healthcheck").isObject()) {
            o.set("Healthcheck", c.get("Healthcheck"));
        }
        if (c.path("ArgsEscaped").asBoolean(false)) {
            o.put("ArgsEscaped", true);
        }
        o.put("Image", c.path("Image").asText(""));
        o.set("Volumes", c.get("Volumes") != null && c.get("Volumes").isObject() ? emptyValues(c.get("Volumes")) : F.nullNode());
        o.put("WorkingDir", c.path("WorkingDir").asText(""));
        o.set("Entrypoint", list(c.get("Entrypoint")));
        if (c.path("NetworkDisabled").asBoolean(false)) {
            o.put("NetworkDisabled", true);
        }
        if (!c.path("MacAddress").asText("").isEmpty()) {
            o.put("MacAddress", c.get("MacAddress").asText());
        }
        o.set("OnBuild", list(c.get("OnBuild")));
        o.set("Labels", c.get("Labels") != null && c.get("Labels").isObject() ? c.get("Labels") : F.nullNode());
        if (!c.path("StopSignal").asText("").isEmpty()) {
            o.put("StopSignal", c.get("StopSignal").asText());
        }
        if (c.get("StopTimeout") != null && c.get("StopTimeout").isInt()) {
            o.put("StopTimeout", c.get("StopTimeout").asInt());
        }
        JsonNode shell = list(c.get("Shell"));
        if (!shell.isNull() && shell.size() > 0) {
            o.set("Shell", shell);
        }
        return o;
    }

    /** Go's StrSlice: null stays null, a single string becomes a one-element list. */
    private static JsonNode list(JsonNode n) {
        if (n == null || n.isNull()) {
            return F.nullNode();
        }
        if (n.isTextual()) {
            return F.arrayNode().add(n.asText());
        }
        return n.isArray() ? n : F.nullNode();
    }

    private static boolean nonEmptyObject(JsonNode n) {
        return n != null && n.isObject() && n.size() > 0;
    }

    /** map[string]struct{}: keep the keys, every value {}. */
    private static ObjectNode emptyValues(JsonNode n) {
        ObjectNode o = F.objectNode();
        n.fieldNames().forEachRemaining(k -> o.set(k, F.objectNode()));
        return o;
    }
}
