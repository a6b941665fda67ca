package dev.skiff.cli.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** A query string encoded as Go's url.Values does: keys sorted, repeated keys repeated, '+' for space. */
public final class Query {
    private final Map<String, List<String>> params = new TreeMap<>();

    public Query add(String key, String value) {
        params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Adds {@code key=1} when the flag is set; the docker CLI sends boolean options as 1. */
    public Query flag(String key, boolean set) {
        return set ? add(key, "1") : this;
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** The encoded query without the leading '?'. */
    public String encode() {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((key, values) -> values.forEach(v -> joined.add(escape(key) + "=" + escape(v))));
        return joined.toString();
    }

    private static String escape(String s) {
        // URLEncoder already matches Go's QueryEscape except that it leaves '*' alone.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A");
    }
}
