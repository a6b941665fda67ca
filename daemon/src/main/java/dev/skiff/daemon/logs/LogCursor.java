package dev.skiff.daemon.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads whole records forwards from a position of a json-file log that may still be growing. A record
 * counts only once its newline is there; the bytes of a record being written stay buffered until
 * the next read. The channel belongs to whoever opened it.
 */
final class LogCursor {
    /** Receives decoded records; may fail with I/O errors of its own (a client gone). */
    interface Consumer {
        void accept(LogEntry e) throws IOException;
    }

    private static final int CHUNK = 64 << 10;
    /**
     * Longer than any record skiff writes (a 16 KiB line escaped as \\u00XX is under 100 KiB): bytes
     * without a newline beyond this are no record, and are dropped rather than buffered without bound.
     */
    static final int MAX_RECORD = 1 << 20;

    private final FileChannel channel;
    private long position;
    private byte[] buf = new byte[CHUNK];
    /** Bytes of an incomplete record, at the start of {@link #buf}. */
    private int pending;

    LogCursor(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    /** Decodes every complete record available now. */
    void readAvailable(Consumer consumer) throws IOException {
        readUpTo(channel.size(), consumer);
    }

    /** Decodes the complete records that end before {@code end}. */
    void readUpTo(long end, Consumer consumer) throws IOException {
        while (position < end) {
            if (pending == buf.length) {
                if (buf.length >= MAX_RECORD) {
                    pending = 0;
                } else {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
            int room = (int) Math.min(buf.length - pending, end - position);
            int n = channel.read(ByteBuffer.wrap(buf, pending, room), position);
            if (n <= 0) {
                return;
            }
            position += n;
            int filled = pending + n;
            int start = 0;
            for (int i = pending; i < filled; i++) {
                if (buf[i] == '\n') {
                    LogEntry e = JsonLogCodec.decode(buf, start, i - start);
                    if (e != null) {
                        consumer.accept(e);
                    }
                    start = i + 1;
                }
            }
            System.arraycopy(buf, start, buf, 0, filled - start);
            pending = filled - start;
        }
    }
}
