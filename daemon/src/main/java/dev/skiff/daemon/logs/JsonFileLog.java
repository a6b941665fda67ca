package dev.skiff.daemon.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The json-file log writer of one container run: appends records, rotates by size, and lets
 * followers ({@code logs -f}) wait for news. Closed when the run ends, which ends every follower.
 * Records are appended whole (a batch of them per write), so readers only ever see whole records
 * once they end in a newline.
 */
public final class JsonFileLog implements AutoCloseable {
    private final Path path;
    private final LogOptions options;
    private FileChannel channel;
    private long size;
    /** Bumped on every append, rotation and close; followers wait for it to change. */
    private long version;
    /** Bumped on every rotation, so a follower knows to move to the new current file. */
    private long rotations;
    private boolean closed;
    private final Pending pending = new Pending();

    public JsonFileLog(Path path, LogOptions options) throws IOException {
        this.path = path;
        this.options = options;
        open();
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = channel.size();
    }

    public Path path() {
        return path;
    }

    public LogOptions options() {
        return options;
    }

    public synchronized void append(LogEntry entry) throws IOException {
        append(List.of(entry));
    }

    /**
     * Appends records with as few writes as rotation allows (one, unless the file must rotate between
     * them): a container writing many short lines must not cost a system call per line.
     */
    public synchronized void append(List<LogEntry> entries) throws IOException {
        if (closed || entries.isEmpty()) {
            return;
        }
        for (LogEntry entry : entries) {
            int before = pending.size();
            JsonLogCodec.encode(entry, pending);
            if (options.maxSize() > 0 && size + before > 0 && size + pending.size() > options.maxSize()) {
                // this record does not fit: what came before it ends the current file
                write(before);
                rotate();
            }
        }
        write(pending.size());
        version++;
        notifyAll();
    }

    /** Writes the first {@code n} pending bytes; the rest stay pending. */
    private void write(int n) throws IOException {
        ByteBuffer buf = pending.head(n);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        size += n;
        pending.dropHead(n);
    }

    /** Encoded records not written yet; reused by every append, and small again after a burst. */
    private static final class Pending extends ByteArrayOutputStream {
        private static final int SMALL = 8 << 10;
        private static final int KEPT_AT_MOST = 256 << 10;

        Pending() {
            super(SMALL);
        }

        ByteBuffer head(int n) {
            return ByteBuffer.wrap(buf, 0, n);
        }

        void dropHead(int n) {
            System.arraycopy(buf, n, buf, 0, count - n);
            count -= n;
            if (count == 0 && buf.length > KEPT_AT_MOST) {
                buf = new byte[SMALL];
            }
        }
    }

    /** dockerd's scheme: x.log.(n-1) dropped, each x.log.i becomes x.log.(i+1), x.log becomes x.log.1. */
    private void rotate() throws IOException {
        channel.close();
        int keep = options.maxFile();
        if (keep > 1) {
            Files.deleteIfExists(LogFiles.rotated(path, keep - 1));
            for (int i = keep - 2; i >= 1; i--) {
                Path from = LogFiles.rotated(path, i);
                if (Files.exists(from)) {
                    Files.move(from, LogFiles.rotated(path, i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, LogFiles.rotated(path, 1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(path);
        }
        open();
        rotations++;
    }

    /** Opens files of the log for a reader. */
    interface Opening<T> {
        T open() throws IOException;
    }

    /**
     * Runs {@code opening} while nothing is appended and nothing rotates, so that the files it opens
     * and the sizes it sees belong to one moment of the log and end with a whole record.
     */
    synchronized <T> T atOneMoment(Opening<T> opening) throws IOException {
        return opening.open();
    }

    synchronized long version() {
        return version;
    }

    synchronized long rotations() {
        return rotations;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Waits until something was appended or rotated, or the log closed, or the timeout passed. */
    synchronized void awaitChange(long seenVersion, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (version == seenVersion && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        version++;
        notifyAll();
        try {
            channel.force(false);
            channel.close();
        } catch (IOException ignored) {
            // nothing more will be written; a failed close loses at most the page cache's last records
        }
    }
}
