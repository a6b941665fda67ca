package dev.skiff.cli.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Header fields in the order they were added or received; names are matched case-insensitively. */
public final class HttpHeaders {
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    public HttpHeaders add(String name, String value) {
        fields.add(Map.entry(name, value));
        return this;
    }

    /** Replaces every field called {@code name} with one field. */
    public HttpHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public void remove(String name) {
        fields.removeIf(f -> f.getKey().equalsIgnoreCase(name));
    }

    public Optional<String> first(String name) {
        return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** True when a comma-separated header such as Transfer-Encoding or Connection lists {@code token}. */
    public boolean hasToken(String name, String token) {
        String wanted = token.toLowerCase(Locale.ROOT);
        return fields.stream()
                .filter(f -> f.getKey().equalsIgnoreCase(name))
                .flatMap(f -> List.of(f.getValue().split(",")).stream())
                .anyMatch(v -> v.trim().toLowerCase(Locale.ROOT).equals(wanted));
    }

    public List<Map.Entry<String, String>> all() {
        return Collections.unmodifiableList(fields);
    }
}
