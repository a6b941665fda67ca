package dev.skiff.daemon.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as Go's encoding/json writes a time.Time: RFC 3339 with nanoseconds, trailing zeros cut. */
public final class GoTime {
    public static final String ZERO = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private GoTime() {
    }

    public static String format(Instant t) {
        return t == null ? ZERO : format(t.atOffset(ZoneOffset.UTC));
    }

    public static String format(OffsetDateTime t) {
        StringBuilder s = new StringBuilder(SECONDS.format(t));
        if (t.getNano() != 0) {
            String frac = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
            s.append('.').append(frac);
        }
        s.append(t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().getId());
        return s.toString();
    }

    /** An image config's "created" as dockerd re-marshals it; unparsable or empty gives Go's zero time. */
    public static String reformat(String rfc3339) {
        try {
            return rfc3339 == null || rfc3339.isEmpty() ? ZERO : format(OffsetDateTime.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return ZERO;
        }
    }
}
