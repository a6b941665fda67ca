package dev.skiff.daemon.filters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Engine API's {@code filters} query parameter: a JSON object mapping each key to its values,
 * either {@code {"key":{"value":true}}} (current clients) or {@code {"key":["value"]}} (API < 1.22).
 * Values of one key are alternatives (OR); different keys must all match (AND).
 */
public final class Filters {
    public static final Filters NONE = new Filters(Map.of());

    private final Map<String, Set<String>> values;

    private Filters(Map<String, Set<String>> values) {
        this.values = values;
    }

    /** Parses the raw query value; null or empty means no filters. */
    public static Filters parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(raw);
        } catch (IOException e) {
            throw EngineException.invalidParameter("invalid filter: " + e.getMessage());
        }
        if (root == null || root.isNull()) {
            return NONE;
        }
        if (!root.isObject()) {
            throw EngineException.invalidParameter("invalid filter: the filters must be a JSON object");
        }
        Map<String, Set<String>> parsed = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            Set<String> set = new LinkedHashSet<>();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                v.fields().forEachRemaining(e -> {
                    if (e.getValue().asBoolean()) {
                        set.add(e.getKey());
                    }
                });
            } else if (v.isArray()) {
                v.forEach(e -> set.add(e.asText()));
            } else {
                throw EngineException.invalidParameter("invalid filter: values of '" + f.getKey()
                        + "' must be an object or a list");
            }
            parsed.put(f.getKey(), Collections.unmodifiableSet(set));
        }
        return new Filters(Collections.unmodifiableMap(parsed));
    }

    /** Rejects keys outside {@code accepted} with dockerd's message. */
    public Filters validateKeys(Set<String> accepted) {
        for (String key : values.keySet()) {
            if (!accepted.contains(key)) {
                throw EngineException.invalidParameter("Invalid filter '" + key + "'");
            }
        }
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The values of a key, in request order; empty when absent. */
    public List<String> get(String key) {
        Set<String> v = values.get(key);
        return v == null ? List.of() : new ArrayList<>(v);
    }

    /** True when the key is absent or one of its values equals {@code candidate}. */
    public boolean matchesExactly(String key, String candidate) {
        Set<String> v = values.get(key);
        return v == null || v.contains(candidate);
    }

    /**
     * True when the key is absent or one of its values, read as a regular expression, is found in
     * {@code candidate} (dockerd's "name" filter: {@code ru} matches {@code rundit}).
     */
    public boolean matchesPattern(String key, String candidate) {
        Set<String> v = values.get(key);
        if (v == null) {
            return true;
        }
        for (String pattern : v) {
            try {
                if (Pattern.compile(pattern).matcher(candidate).find()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                throw EngineException.invalidParameter("invalid filter '" + key + "=" + pattern + "': "
                        + e.getDescription());
            }
        }
        return false;
    }

    /**
     * dockerd's label matching: each value is {@code key} (the label must exist) or {@code key=value}
     * (it must have that value). Unlike other keys, ALL label values must match.
     */
    public boolean matchesLabels(String key, Map<String, String> labels) {
        Set<String> v = values.get(key);
        if (v == null) {
            return true;
        }
        for (String want : v) {
            int eq = want.indexOf('=');
            if (eq < 0) {
                if (!labels.containsKey(want)) {
                    return false;
                }
            } else if (!want.substring(eq + 1).equals(labels.get(want.substring(0, eq)))) {
                return false;
            }
        }
        return true;
    }
}
