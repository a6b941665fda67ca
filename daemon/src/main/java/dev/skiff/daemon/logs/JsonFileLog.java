package dev.skiff.daemon.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The json-file log writer of one container run: appends records, rotates by size, and lets
 * followers ({@code logs -f}) wait for news. Closed when the run ends, which ends every follower.
 * Records are collected and written once per chunk the container wrote ({@link #flush()}), not one
 * system call per line; readers still only ever see whole records, since each write ends with one.
 */
public final class JsonFileLog implements AutoCloseable {
    private final Path path;
    private final LogOptions options;
    private FileChannel channel;
    private long size;
    /** Records appended since the last flush. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(64 << 10);
    /** Bumped on every append, rotation and close; followers wait for it to change. */
    private long version;
    /** Bumped on every rotation, so a follower knows to move to the new current file. */
    private long rotations;
    private boolean closed;

    private static final int FLUSH_AT = 64 << 10;

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
        if (closed) {
            return;
        }
        int before = pending.size();
        JsonLogCodec.encode(entry, pending);
        int length = pending.size() - before;
        if (options.maxSize() > 0 && size > 0 && size + length > options.maxSize()) {
            // the record goes to the new file: write what came before it to the old one
            byte[] all = pending.toByteArray();
            pending.reset();
            pending.write(all, 0, before);
            writePending();
            rotate();
            pending.write(all, before, length);
        }
        size += length;
        if (pending.size() >= FLUSH_AT) {
            flush();
        }
    }

    /** Writes what was appended, and wakes followers. */
    public synchronized void flush() throws IOException {
        if (closed || pending.size() == 0) {
            return;
        }
        writePending();
        version++;
        notifyAll();
    }

    private void writePending() throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(pending.toByteArray());
        pending.reset();
        while (buf.hasRemaining()) {
            channel.write(buf);
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
        try {
            writePending();
        } catch (IOException ignored) {
            // a failing disk: these last records are lost, the close must still happen
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
