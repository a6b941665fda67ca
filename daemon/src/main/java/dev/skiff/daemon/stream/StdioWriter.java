package dev.skiff.daemon.stream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a container's output to a client: multiplexed frames without a TTY, raw bytes with one
 * (the CLI knows which from the container's Tty setting). Thread-safe: stdout and stderr pumps share it.
 */
public final class StdioWriter {
    private final OutputStream out;
    private final boolean raw;
    private final boolean flushEachWrite;

    /** A writer for live output (attach, exec): every write reaches the client at once. */
    public StdioWriter(OutputStream out, boolean tty) {
        this(out, tty, true);
    }

    /**
     * With {@code flushEachWrite} false (a log being replayed), writes collect in the stream's buffer
     * until {@link #flush()}: one HTTP chunk per 64 KiB instead of one per log line.
     */
    public StdioWriter(OutputStream out, boolean tty, boolean flushEachWrite) {
        this.out = out;
        this.raw = tty;
        this.flushEachWrite = flushEachWrite;
    }

    public synchronized void write(StreamType stream, byte[] data, int off, int len) throws IOException {
        if (raw) {
            out.write(data, off, len);
        } else {
            MultiplexedFrames.write(out, stream, data, off, len);
        }
        if (flushEachWrite) {
            out.flush();
        }
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }
}
