package dev.skiff.daemon.container;

/** The {@code condition} of {@code POST /containers/{id}/wait}. */
public enum WaitCondition {
    /** Returns at once when the container is not running, else at its exit (the default). */
    NOT_RUNNING,
    /** Returns at the next exit, even when the container has not been started yet. */
    NEXT_EXIT,
    /** Returns once the container has been removed. */
    REMOVED;

    /** dockerd ignores values it does not know and waits for not-running. */
    public static WaitCondition parse(String s) {
        if ("next-exit".equals(s)) {
            return NEXT_EXIT;
        }
        if ("removed".equals(s)) {
            return REMOVED;
        }
        return NOT_RUNNING;
    }
}
