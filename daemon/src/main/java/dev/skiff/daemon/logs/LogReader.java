package dev.skiff.daemon.logs;

import java.io.IOException;
import java.nio.file.Path;
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
     * Sends the records {@code query} selects. {@code live} is the writer of the running container, null
     * when none: the files are opened while it holds off appends and rotation, and with
     * {@code query.follow()} new records are sent until it is closed, the until time is passed or
     * {@code cancelled} says the client is gone. A tail is found by reading the files backwards from
     * their end, so its cost does not grow with the size of the log.
     */
    public static void read(Path current, int maxFile, LogQuery query, JsonFileLog live, Sink sink,
                            BooleanSupplier cancelled) throws IOException, InterruptedException {
        Filter filter = new Filter(query, sink);
        try (LogSnapshot snapshot = LogSnapshot.open(current, maxFile, live)) {
            LogCursor currentCursor = readSnapshot(snapshot, snapshot.tailStarts(query.tail()), filter);
            if (query.follow() && live != null) {
                follow(current, maxFile, currentCursor, snapshot.rotations(), live, filter, sink, cancelled);
            }
        } catch (UntilReached done) {
            // the rest of the log is newer than "until"
        }
    }

    /**
     * Sends the records of the snapshot's files from {@code starts} (indexed as its files) up to their
     * sizes; returns the cursor left in the current file, null when there is none.
     */
    private static LogCursor readSnapshot(LogSnapshot snapshot, long[] starts, Filter filter) throws IOException {
        List<LogSnapshot.LogFile> files = snapshot.files();
        LogCursor currentCursor = null;
        for (int i = 0; i < files.size(); i++) {
            LogSnapshot.LogFile f = files.get(i);
            LogCursor cursor = new LogCursor(f.channel(), starts[i]);
            cursor.readUpTo(f.size(), filter::accept);
            if (f == snapshot.current()) {
                currentCursor = cursor;
            }
        }
        return currentCursor;
    }

    /** Sends what is appended after the snapshot, moving to each new current file as the log rotates. */
    private static void follow(Path path, int maxFile, LogCursor cursor, long seenRotations, JsonFileLog live,
                               Filter filter, Sink sink, BooleanSupplier cancelled) throws IOException, InterruptedException {
        // the files opened after a rotation; the ones before belong to the caller's snapshot
        LogSnapshot reopened = null;
        try {
            sink.caughtUp();
            while (!cancelled.getAsBoolean()) {
                long version = live.version();
                // taken before reading: once closed nothing more is written, so this read is the last
                boolean closed = live.isClosed();
                if (cursor != null) {
                    cursor.readAvailable(filter::accept);
                }
                if (live.rotations() != seenRotations) {
                    // the rotated file is complete now: take what was appended to it since the last read
                    if (cursor != null) {
                        cursor.readAvailable(filter::accept);
                    }
                    if (reopened != null) {
                        reopened.close();
                    }
                    // several rotations since the last read: the files current in between come first
                    reopened = LogSnapshot.openNewerThan(path, maxFile, live, seenRotations);
                    seenRotations = reopened.rotations();
                    cursor = readSnapshot(reopened, new long[reopened.files().size()], filter);
                    continue;
                }
                if (closed) {
                    return;
                }
                sink.caughtUp();
                live.awaitChange(version, FOLLOW_POLL_MILLIS);
            }
        } finally {
            if (reopened != null) {
                reopened.close();
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
