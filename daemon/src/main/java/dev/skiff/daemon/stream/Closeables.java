package dev.skiff.daemon.stream;

/** Closing the ends of a process's or a client's streams when the other side may already be gone. */
public final class Closeables {
    private Closeables() {
    }

    /** Closes each of {@code cs} (null is fine); a failure only means it was closed already or its peer is gone. */
    public static void closeQuietly(AutoCloseable... cs) {
        for (AutoCloseable c : cs) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception ignored) {
                // already closed, or the process or client on the other end is gone
            }
        }
    }
}
