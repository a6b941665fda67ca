package dev.skiff.daemon.logs;

import dev.skiff.daemon.errors.EngineException;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * json-file rotation settings from dockerd's {@code log-opts}: {@code max-size} (bytes, with k/m/g
 * suffixes in powers of 1024; unset = never rotate) and {@code max-file} (files kept, default 1).
 */
public record LogOptions(long maxSize, int maxFile) {
    public static final LogOptions UNLIMITED = new LogOptions(0, 1);

    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?$");

    public LogOptions {
        if (maxSize < 0 || maxFile < 1) {
            throw new IllegalArgumentException("invalid log options");
        }
    }

    /** Reads the options dockerd's json-file driver understands; unknown keys are an error, as in dockerd. */
    public static LogOptions parse(Map<String, String> opts) {
        long size = 0;
        int files = 1;
        for (Map.Entry<String, String> e : opts.entrySet()) {
            switch (e.getKey()) {
                case "max-size" -> size = parseSize(e.getValue());
                case "max-file" -> {
                    try {
                        files = Integer.parseInt(e.getValue());
                    } catch (NumberFormatException ex) {
                        throw EngineException.invalidParameter("invalid value for max-file: " + e.getValue());
                    }
                    if (files < 1) {
                        throw EngineException.invalidParameter("max-file cannot be less than 1");
                    }
                }
                case "compress", "labels", "labels-regex", "env", "env-regex", "tag" -> {
                    // accepted by dockerd's json-file driver; they only decorate records, which skiff does not do
                }
                default -> throw EngineException.invalidParameter("unknown log opt '" + e.getKey()
                        + "' for json-file log driver");
            }
        }
        if (files > 1 && size == 0) {
            throw EngineException.invalidParameter("max-file cannot be set without max-size");
        }
        return new LogOptions(size, files);
    }

    /** Go's units.RAMInBytes: "10m" = 10 MiB, "512k", "1g", a plain number is bytes. */
    static long parseSize(String value) {
        Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw EngineException.invalidParameter("invalid size: '" + value + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        long mul = unit == null ? 1 : switch (unit) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            default -> 1L << 50;
        };
        return (long) (n * mul);
    }
}
