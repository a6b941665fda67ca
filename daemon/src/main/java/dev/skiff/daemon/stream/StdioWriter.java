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

    public StdioWriter(OutputStream out, boolean tty) {
        this.out = out;
        this.raw = tty;
    }

    public synchronized void write(StreamType stream, byte[] data, int off, int len) throws IOException {
        if (raw) {
            out.write(data, off, len);
        } else {
            MultiplexedFrames.write(out, stream, data, off, len);
        }
        out.flush();
    }
}
