package dev.skiff.cli.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code filters} query parameter: each key maps to an object of {@code value: true}, e.g.
 * {@code {"status":{"exited":true},"label":{"tier=demo":true}}}. Keys and values are sorted, as
 * Go's encoder sorts map keys.
 */
public final class Filters {
    private final Map<String, Set<String>> byKey = new TreeMap<>();

    public Filters add(String key, String value) {
        byKey.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
        return this;
    }

    /** Parses a {@code --filter key=value} argument. */
    public Filters addArgument(String argument) {
        int eq = argument.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("bad format of filter (expected name=value)");
        }
        return add(argument.substring(0, eq).trim().toLowerCase(Locale.ROOT), argument.substring(eq + 1));
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    public String toJson() {
        ObjectNode root = EngineJson.MAPPER.createObjectNode();
        byKey.forEach((key, values) -> {
            ObjectNode set = root.putObject(key);
            values.forEach(v -> set.put(v, true));
        });
        try {
            return EngineJson.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
