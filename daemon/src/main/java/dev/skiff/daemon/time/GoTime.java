package dev.skiff.daemon.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Times printed as dockerd prints them: Go's {@code time.RFC3339Nano} (what encoding/json writes for a
 * {@code time.Time}, and what the json-file log records) and docker's {@code RFC3339NanoFixed}
 * (log timestamps). Written by hand rather than with a DateTimeFormatter: the log writer formats a
 * time for every line a container prints.
 */
public final class GoTime {
    /** Go's zero {@code time.Time}, which dockerd prints for times never set (FinishedAt of a running container). */
    public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");
    private static final OffsetDateTime ZERO_UTC = ZERO.atOffset(ZoneOffset.UTC);

    private GoTime() {
    }

    /**
     * {@code 2006-01-02T15:04:05.999999999Z07:00} in UTC: the fraction without trailing zeros, none at
     * all for a whole second. Null, a time never set, is Go's zero time.
     */
    public static String rfc3339Nano(Instant t) {
        return rfc3339Nano((t == null ? ZERO : t).atOffset(ZoneOffset.UTC));
    }

    /** {@code 2006-01-02T15:04:05.999999999Z07:00} keeping the time's offset, "Z" for UTC. */
    public static String rfc3339Nano(OffsetDateTime t) {
        StringBuilder s = new StringBuilder(35);
        appendDateTime(s, t.toLocalDateTime());
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            s.append('.');
            appendPadded(s, nanos, digits);
        }
        appendOffset(s, t.getOffset());
        return s.toString();
    }

    /** docker's RFC3339NanoFixed, {@code 2006-01-02T15:04:05.000000000Z07:00}, in UTC: always nine fraction digits. */
    public static String rfc3339NanoFixed(Instant t) {
        StringBuilder s = new StringBuilder(30);
        appendDateTime(s, LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC));
        s.append('.');
        appendPadded(s, t.getNano(), 9);
        return s.append('Z').toString();
    }

    /**
     * Reads {@code 2006-01-02T15:04:05.999999999Z} (UTC, 0 to 9 fraction digits), the form
     * {@link #rfc3339Nano(Instant)} writes; null for anything else. A log replay reads one per record.
     */
    public static Instant parseUtc(String b) {
        int len = b.length();
        if (len < 20 || b.charAt(4) != '-' || b.charAt(7) != '-' || b.charAt(10) != 'T' || b.charAt(13) != ':'
                || b.charAt(16) != ':' || b.charAt(len - 1) != 'Z') {
            return null;
        }
        int year = digits(b, 0, 4);
        int month = digits(b, 5, 2);
        int day = digits(b, 8, 2);
        int hour = digits(b, 11, 2);
        int minute = digits(b, 14, 2);
        int second = digits(b, 17, 2);
        int nanos = 0;
        int fraction = len - 20;
        if (fraction > 0) {
            if (b.charAt(19) != '.' || fraction > 10 || fraction == 1) {
                return null;
            }
            nanos = digits(b, 20, fraction - 1);
            for (int k = fraction - 1; k < 9 && nanos >= 0; k++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || nanos < 0
                || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;   // a day the month does not have
        }
    }

    /** The decimal number of {@code n} ASCII digits, or -1. */
    private static int digits(String b, int off, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            int d = b.charAt(off + k) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * An RFC 3339 time of a stored document (an image's "created"); Go's zero time when it is missing
     * or cannot be read, which is what dockerd shows for such images.
     */
    public static OffsetDateTime parseRfc3339OrZero(String value) {
        if (value == null || value.isEmpty()) {
            return ZERO_UTC;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return ZERO_UTC;
        }
    }

    private static void appendDateTime(StringBuilder s, LocalDateTime t) {
        int year = t.getYear();
        if (year < 0) {
            // Go pads the magnitude and puts the sign in front of it
            s.append('-');
            year = -year;
        }
        appendPadded(s, year, 4);
        s.append('-');
        appendPadded(s, t.getMonthValue(), 2);
        s.append('-');
        appendPadded(s, t.getDayOfMonth(), 2);
        s.append('T');
        appendPadded(s, t.getHour(), 2);
        s.append(':');
        appendPadded(s, t.getMinute(), 2);
        s.append(':');
        appendPadded(s, t.getSecond(), 2);
    }

    /** Go's Z07:00: "Z" for UTC, else the sign, hours and minutes (seconds of an offset are not printed). */
    private static void appendOffset(StringBuilder s, ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            s.append('Z');
            return;
        }
        s.append(seconds < 0 ? '-' : '+');
        int minutes = Math.abs(seconds) / 60;
        appendPadded(s, minutes / 60, 2);
        s.append(':');
        appendPadded(s, minutes % 60, 2);
    }

    /** {@code n} (not negative) with leading zeros up to {@code width} digits; wider numbers in full. */
    private static void appendPadded(StringBuilder s, int n, int width) {
        String digits = Integer.toString(n);
        for (int i = digits.length(); i < width; i++) {
            s.append('0');
        }
        s.append(digits);
    }
}
