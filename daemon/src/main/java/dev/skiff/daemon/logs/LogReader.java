package dev.skiff.daemon.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Reads a container's json-file log (rotated files included) for {@code logs} and {@code attach?logs=1}. */
public final class LogReader {
    private static final long FOLLOW_POLL_MILLIS = 500;

    private LogReader() {
    }

    /** Receives the selected records in order. */
    public interface Sink {
        void accept(LogEntry e) throws IOException;

        /** Everything written so far has been passed on; a following reader now waits for more. */
        default void caughtUp() throws IOException {
        }
    }

    /** Signals that the reading stopped at {@code until}. */
    private static final class UntilReached extends RuntimeException {
        UntilReached() {
            super(null, null, false, false);
        }
    }

    /**
     * Sends the records {@code query} selects. With {@code live} (the writer of the running container)
     * and {@code query.follow()}, keeps sending new records until the writer is closed, the until time is
     * passed or {@code cancelled} says the client is gone.
     */
    public static void read(Path current, int maxFile, LogQuery query, JsonFileLog live, Sink sink,
                            BooleanSupplier cancelled) throws IOException, InterruptedException {
        long seenRotations = live == null ? 0 : live.rotations();
        LogCursor cursor = LogCursor.open(current);
        try {
            Filter filter = new Filter(query, sink);
            ArrayDeque<LogEntry> tail = query.tail() >= 0 ? new ArrayDeque<>() : null;
            LogCursor.Consumer historic = tail == null ? filter::accept : e -> {
                if (query.tail() == 0) {
                    return;
                }
                if (tail.size() == query.tail()) {
                    tail.removeFirst();
                }
                tail.addLast(e);
            };
            List<Path> rotated = LogFiles.rotatedOldestFirst(current, maxFile);
            for (Path p : rotated) {
                try (LogCursor old = LogCursor.open(p)) {
                    if (old != null) {
                        old.readAvailable(historic);
                    }
                }
            }
            if (cursor != null) {
                cursor.readAvailable(historic);
            }
            if (tail != null) {
                for (LogEntry e : tail) {
                    filter.accept(e);
                }
            }
            if (!query.follow() || live == null) {
                return;
            }
            sink.caughtUp();
            while (!cancelled.getAsBoolean()) {
                long version = live.version();
                if (cursor != null) {
                    cursor.readAvailable(filter::accept);
                }
                if (live.rotations() != seenRotations) {
                    seenRotations = live.rotations();
                    if (cursor != null) {
                        cursor.close();
                    }
                    cursor = LogCursor.open(current);
                    continue;
                }
                if (live.isClosed()) {
                    if (cursor != null) {
                        cursor.readAvailable(filter::accept);
                    }
                    return;
                }
                sink.caughtUp();
                live.awaitChange(version, FOLLOW_POLL_MILLIS);
            }
        } catch (UntilReached done) {
            // the rest of the log is newer than "until"
        } finally {
            if (cursor != null) {
                cursor.close();
            }
        }
    }

    /** The time and stream selection, applied after tail as dockerd does. */
    private record Filter(LogQuery query, Sink sink) {
        void accept(LogEntry e) throws IOException {
            if (query.until() != null && e.time().isAfter(query.until())) {
                throw new UntilReached();
            }
            if (query.since() != null && e.time().isBefore(query.since())) {
                return;
            }
            if (query.wants(e)) {
                sink.accept(e);
            }
        }
    }
}
