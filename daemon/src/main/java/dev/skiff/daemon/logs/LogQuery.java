package dev.skiff.daemon.logs;

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

    boolean wants(LogEntry e) {
        return e.isStderr() ? stderr : stdout;
    }
}
