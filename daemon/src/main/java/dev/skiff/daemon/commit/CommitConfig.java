package dev.skiff.daemon.commit;

import dev.skiff.daemon.errors.EngineException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.api.ContainerConfigJson;
import dev.skiff.daemon.container.ContainerConfig;
import dev.skiff.daemon.image.changes.ConfigChanges;
import dev.skiff.daemon.json.Json;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The run config of a committed image, as dockerd's commit builds it: the client's Config (or, without
 * one, the container's), the {@code changes} applied to it, then every setting it leaves empty taken
 * from the container's config (dockerd's merge: env by name, labels, exposed ports and volumes added,
 * Cmd only when neither Entrypoint nor Cmd is given).
 */
final class CommitConfig {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CommitConfig() {
    }

    /** The container's config in the Engine API's JSON form (Go field names). */
    static ObjectNode of(ContainerConfig c) {
        ObjectNode o = F.objectNode();
        o.put("Hostname", c.hostname());
        o.put("Domainname", c.domainname());
        o.put("User", c.user());
        o.put("AttachStdin", c.attachStdin());
        o.put("AttachStdout", c.attachStdout());
        o.put("AttachStderr", c.attachStderr());
        o.set("ExposedPorts", c.exposedPorts() == null ? F.nullNode() : Json.MAPPER.valueToTree(c.exposedPorts()));
        o.put("Tty", c.tty());
        o.put("OpenStdin", c.openStdin());
        o.put("StdinOnce", c.stdinOnce());
        o.set("Env", list(c.env()));
        o.set("Cmd", list(c.cmd()));
        o.put("Image", c.image());
        o.set("Volumes", c.volumes() == null ? F.nullNode() : Json.MAPPER.valueToTree(c.volumes()));
        o.put("WorkingDir", c.workingDir());
        o.set("Entrypoint", list(c.entrypoint()));
        o.set("OnBuild", list(c.onBuild()));
        ObjectNode labels = o.putObject("Labels");
        c.labels().forEach(labels::put);
        if (c.stopSignal() != null && !c.stopSignal().isEmpty()) {
            o.put("StopSignal", c.stopSignal());
        }
        if (c.stopTimeout() != null) {
            o.put("StopTimeout", c.stopTimeout());
        }
        return ContainerConfigJson.render(o);
    }

    /**
     * @param requested the client's Config body, or null
     * @param container the container's config, from {@link #of}
     */
    static ObjectNode build(JsonNode requested, ConfigChanges changes, ObjectNode container) {
        ObjectNode user = requested != null && requested.isObject() ? (ObjectNode) requested.deepCopy()
                : container.deepCopy();
        changes.applyTo(user);
        merge(user, container);
        return ContainerConfigJson.render(user);
    }

    private static void merge(ObjectNode user, ObjectNode from) {
        if (text(user, "User").isEmpty()) {
            user.put("User", text(from, "User"));
        }
        user.set("ExposedPorts", union(user.get("ExposedPorts"), from.get("ExposedPorts")));
        user.set("Env", mergeEnv(user.get("Env"), from.get("Env")));
        ObjectNode labels = user.get("Labels") instanceof ObjectNode l ? l : F.objectNode();
        if (from.get("Labels") instanceof ObjectNode fl) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fl.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!labels.has(e.getKey())) {
                    labels.set(e.getKey(), e.getValue());
                }
            }
        }
        user.set("Labels", labels);
        if (isEmptyList(user.get("Entrypoint"))) {
            if (isEmptyList(user.get("Cmd"))) {
                user.set("Cmd", from.get("Cmd"));
            }
            if (user.get("Entrypoint") == null || user.get("Entrypoint").isNull()) {
                user.set("Entrypoint", from.get("Entrypoint"));
            }
        }
        if (text(user, "WorkingDir").isEmpty()) {
            user.put("WorkingDir", text(from, "WorkingDir"));
        }
        user.set("Volumes", union(user.get("Volumes"), from.get("Volumes")));
        if (text(user, "StopSignal").isEmpty() && !text(from, "StopSignal").isEmpty()) {
            user.put("StopSignal", text(from, "StopSignal"));
        }
    }

    private static JsonNode mergeEnv(JsonNode user, JsonNode from) {
        if (isEmptyList(user)) {
            return from;
        }
        if (!user.isArray()) {
            throw EngineException.invalidParameter("invalid JSON: Env must be a list of strings");
        }
        ArrayNode out = ((ArrayNode) user).deepCopy();
        Set<String> names = new HashSet<>();
        user.forEach(e -> names.add(e.asText().split("=", 2)[0]));
        if (from != null && from.isArray()) {
            for (JsonNode e : from) {
                if (!names.contains(e.asText().split("=", 2)[0])) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Keys of both objects (values are always {} in these sets); null when both are empty. */
    private static JsonNode union(JsonNode a, JsonNode b) {
        ObjectNode out = F.objectNode();
        for (JsonNode n : new JsonNode[] {b, a}) {
            if (n != null && n.isObject()) {
                n.fieldNames().forEachRemaining(k -> out.putObject(k));
            }
        }
        if (out.isEmpty()) {
            return a != null && a.isObject() ? a : b;
        }
        return out;
    }

    private static boolean isEmptyList(JsonNode n) {
        return n == null || n.isNull() || (n.isArray() && n.isEmpty());
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    private static JsonNode list(java.util.List<String> values) {
        if (values == null) {
            return F.nullNode();
        }
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
