package dev.skiff.cli.args;

import java.util.List;
import java.util.Map;

/** The result of parsing: flags seen (by long name) and the positional arguments. */
public final class ParsedArgs {
    private final Map<String, List<String>> flags;
    private final List<String> positionals;

    ParsedArgs(Map<String, List<String>> flags, List<String> positionals) {
        this.flags = flags;
        this.positionals = List.copyOf(positionals);
    }

    /** True when a switch was given (and not set to false with {@code --x=false}). */
    public boolean isSet(String name) {
        List<String> v = flags.get(name);
        return v != null && !v.isEmpty() && Boolean.parseBoolean(v.get(v.size() - 1));
    }

    public boolean changed(String name) {
        return flags.containsKey(name);
    }

    /** The last value of a value flag, or {@code fallback} when absent. */
    public String value(String name, String fallback) {
        List<String> v = flags.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(v.size() - 1);
    }

    /** An integer value flag; null when absent. */
    public Integer intValue(String name, Flag flag) throws UsageException {
        String v = value(name, null);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("invalid argument \"" + v + "\" for \"" + flag.displayName()
                    + "\" flag: strconv.ParseInt: parsing \"" + v + "\": invalid syntax");
        }
    }

    public List<String> values(String name) {
        return flags.getOrDefault(name, List.of());
    }

    public List<String> positionals() {
        return positionals;
    }
}
