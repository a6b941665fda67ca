package dev.skiff.daemon.logs;

import dev.skiff.daemon.errors.EngineException;

import java.time.Instant;

/**
 * What a {@code logs} or {@code attach?logs=1} request wants.
 *
 * @param stdout include stdout records
 * @param stderr include stderr records
 * @param since  only records at or after this time; null for all
 * @param until  only records at or before this time; null for all
 * @param tail   only the last {@code tail} records (counted over both streams, before the time filter,
 *               as dockerd does); negative for all
 * @param follow keep streaming new records until the container stops
 */
public record LogQuery(boolean stdout, boolean stderr, Instant since, Instant until, int tail, boolean follow) {
    public static final int ALL = -1;

    /** dockerd's reading of the tail parameter: a number, anything else (including "all") means all. */
    public static int parseTail(String tail) {
        if (tail == null) {
            return ALL;
        }
        try {
            int n = Integer.parseInt(tail.trim());
            return n < 0 ? ALL : n;
        } catch (NumberFormatException e) {
            return ALL;
        }
    }

    /**
     * The {@code since}/{@code until} query values the CLI sends: Unix seconds with an optional fraction
     * ({@code 1577836800.000000000}). Null or empty gives null (no bound); "0" is no bound too.
     */
    public static Instant parseTime(String name, String value) {
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

    boolean wants(LogEntry e) {
        return e.isStderr() ? stderr : stdout;
    }
}
