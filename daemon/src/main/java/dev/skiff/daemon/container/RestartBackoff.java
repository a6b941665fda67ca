package dev.skiff.daemon.container;

import java.time.Duration;

/**
 * The delay before a restart-policy restart, as dockerd's restart manager computes it: 100 ms, doubled
 * after every exit up to one minute, back to 100 ms after a run of at least 10 seconds.
 */
final class RestartBackoff {
    static final Duration INITIAL = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofMinutes(1);
    static final Duration RESET_AFTER = Duration.ofSeconds(10);

    private Duration current = Duration.ZERO;

    /** The delay for the restart after a run that lasted {@code ranFor}. */
    synchronized Duration next(Duration ranFor) {
        if (ranFor.compareTo(RESET_AFTER) >= 0) {
            current = Duration.ZERO;
        }
        if (current.isZero()) {
            current = INITIAL;
        } else if (current.compareTo(MAX) < 0) {
            current = current.multipliedBy(2);
        }
        if (current.compareTo(MAX) > 0) {
            current = MAX;
        }
        return current;
    }

    /** A client started the container itself. */
    synchronized void reset() {
        current = Duration.ZERO;
    }
}
