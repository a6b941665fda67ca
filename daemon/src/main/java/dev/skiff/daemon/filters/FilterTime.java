package dev.skiff.daemon.filters;

import dev.skiff.daemon.errors.EngineException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time in a filter ({@code until}) as dockerd reads it: a Go duration before now ({@code 10m},
 * {@code 1h30m}), Unix seconds with an optional fraction, or an RFC 3339 time.
 */
public final class FilterTime {
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private FilterTime() {
    }

    public static Instant parse(String value, Instant now) {
        if (value.matches("\\d+(\\.\\d+)?")) {
            int dot = value.indexOf('.');
            long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
            long nanos = dot < 0 ? 0 : Long.parseLong((value.substring(dot + 1) + "000000000").substring(0, 9));
            return Instant.ofEpochSecond(seconds, nanos);
        }
        Matcher m = GO_DURATION.matcher(value);
        int end = 0;
        Duration d = Duration.ZERO;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            double nanosPerUnit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            d = d.plusNanos((long) (n * nanosPerUnit));
            end = m.end();
        }
        if (end == value.length() && end > 0) {
            return now.minus(d);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw EngineException.invalidParameter("failed to parse value as time or duration: \"" + value + "\"");
        }
    }
}
