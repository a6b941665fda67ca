package dev.skiff.daemon.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event of {@code GET /events}.
 *
 * @param type       container, image, network, volume, daemon
 * @param action     create, start, die, destroy, tag, untag, pull, ...
 * @param actorId    the object's id (container id, image id with "sha256:")
 * @param attributes the actor's attributes (name, image, exitCode, labels...), kept sorted as the CLI prints them
 * @param timeNano   when it happened, in nanoseconds since the epoch
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
    public Event {
        attributes = Map.copyOf(attributes);
    }

    public static Event now(String type, String action, String actorId, Map<String, String> attributes) {
        java.time.Instant t = java.time.Instant.now();
        return new Event(type, action, actorId, attributes, t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    /** dockerd's wire form: container and image events also carry the legacy status/id/from fields. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (type.equals("container") || type.equals("image")) {
            m.put("status", action);
            m.put("id", actorId);
            if (type.equals("container") && attributes.containsKey("image")) {
                m.put("from", attributes.get("image"));
            }
        }
        m.put("Type", type);
        m.put("Action", action);
        m.put("Actor", Map.of("ID", actorId, "Attributes", new TreeMap<>(attributes)));
        m.put("scope", "local");
        m.put("time", timeNano / 1_000_000_000L);
        m.put("timeNano", timeNano);
        return m;
    }
}
