package dev.skiff.daemon.filters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.json.Json;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Engine API's {@code filters} query parameter: JSON mapping each key to its values, either
 * {@code {"status":{"exited":true}}} (current clients) or {@code {"status":["exited"]}} (old ones).
 */
public final class Filters {
    public static final Filters NONE = new Filters(Map.of());

    private final Map<String, Set<String>> values;

    private Filters(Map<String, Set<String>> values) {
        this.values = values;
    }

    /** Parses the parameter; null or empty means no filter. */
    public static Filters parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw EngineException.invalidParameter("invalid filter: " + json);
        }
        if (root == null || !root.isObject()) {
            throw EngineException.invalidParameter("invalid filter: " + json);
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            Set<String> vals = new LinkedHashSet<>();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                v.fields().forEachRemaining(x -> {
                    if (x.getValue().asBoolean(false)) {
                        vals.add(x.getKey());
                    }
                });
            } else if (v.isArray()) {
                v.forEach(x -> vals.add(x.asText()));
            } else {
                throw EngineException.invalidParameter("invalid filter: " + json);
            }
            out.put(e.getKey(), Set.copyOf(vals));
        }
        return new Filters(Map.copyOf(out));
    }

    /** Refuses keys outside {@code allowed} with dockerd's message. */
    public Filters validate(Collection<String> allowed) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) {
                throw EngineException.invalidParameter("Invalid filter '" + k + "'");
            }
        }
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key) && !values.get(key).isEmpty();
    }

    public Set<String> get(String key) {
        return values.getOrDefault(key, Set.of());
    }

    /** True when the key is absent or one of its values equals {@code value}. */
    public boolean matchesExactly(String key, String value) {
        return !has(key) || get(key).contains(value);
    }

    /** True when the key is absent or one of its values, as a regular expression, is found in {@code value}. */
    public boolean matchesPattern(String key, String value) {
        if (!has(key)) {
            return true;
        }
        for (String p : get(key)) {
            try {
                if (Pattern.compile(p).matcher(value).find()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                throw EngineException.invalidParameter("invalid filter regular expression: " + p);
            }
        }
        return false;
    }

    /**
     * Label filters: every value must hold ({@code key} present, or {@code key=value} equal).
     * Absent key matches everything.
     */
    public boolean matchesLabels(String key, Map<String, String> labels) {
        for (String want : get(key)) {
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

    /** A boolean filter such as {@code dangling}: null when absent; "true"/"1" or "false"/"0" otherwise. */
    public Boolean bool(String key) {
        if (!has(key)) {
            return null;
        }
        Set<String> v = get(key);
        if (v.size() > 1) {
            throw EngineException.invalidParameter("invalid filter '" + key + "': only one value is allowed");
        }
        String s = v.iterator().next();
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return true;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return false;
        }
        throw EngineException.invalidParameter("Invalid filter '" + key + "=" + s + "'");
    }
}
