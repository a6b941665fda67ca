package dev.skiff.daemon.logs;

import dev.skiff.daemon.errors.EngineException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's time formats as dockerd writes them. */
public final class Timestamps {
    /** Go's zero time, which dockerd prints for "never" (FinishedAt of a running container). */
    public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Go's RFC3339Nano: trailing zeros of the fraction dropped, no fraction at all when it is zero. */
    public static String rfc3339Nano(Instant t) {
        StringBuilder sb = new StringBuilder(30).append(secondsOf(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            String frac = Integer.toString(nanos);
            sb.append('.');
            for (int i = frac.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb.append('Z').toString();
    }

    /** The "yyyy-MM-ddTHH:mm:ss" part; remembered for the last second, since log lines come in bursts. */
    private static String secondsOf(Instant t) {
        FormattedSecond last = lastSecond;
        if (last.epochSecond() != t.getEpochSecond()) {
            last = new FormattedSecond(t.getEpochSecond(), SECONDS.format(t));
            lastSecond = last;
        }
        return last.text();
    }

    private record FormattedSecond(long epochSecond, String text) {
    }

    private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

    /** dockerd's RFC3339NanoFixed, used for {@code logs --timestamps}: always nine fraction digits. */
    public static String rfc3339NanoFixed(Instant t) {
        return SECONDS.format(t) + "." + String.format("%09d", t.getNano()) + "Z";
    }

    /**
     * The {@code since}/{@code until} query values the CLI sends: Unix seconds with an optional fraction
     * ({@code 1577836800.000000000}). Null or empty gives null (no bound); "0" is no bound too.
     */
    public static Instant parseUnix(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            int dot = value.indexOf('.');
            long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
            long nanos = 0;
            if (dot >= 0) {
                String frac = value.substring(dot + 1);
                if (frac.isEmpty() || frac.length() > 9 || !frac.chars().allMatch(Character::isDigit)) {
                    throw new NumberFormatException(value);
                }
                nanos = Long.parseLong((frac + "000000000").substring(0, 9));
            }
            if (seconds == 0 && nanos == 0) {
                return null;
            }
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (NumberFormatException e) {
            throw EngineException.invalidParameter("invalid value for " + name + ": " + value);
        }
    }
}
