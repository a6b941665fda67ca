package dev.skiff.it.harness;

/** Polling pauses for the harness's readiness loops. */
final class Waits {
    static final long POLL_MILLIS = 50;

    private Waits() {
    }

    /** One poll interval; an interrupt ends the test. */
    static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
