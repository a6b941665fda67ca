package dev.skiff.daemon.logs;

import java.time.Clock;
import java.util.Arrays;

/**
 * Cuts one output stream of a container into log records: one per line, newline included. A line
 * longer than {@link #MAX_LINE} is cut into partial records (as dockerd's copier does with its 16 KiB
 * buffer), and what is left when the stream ends becomes a last record without a newline.
 */
public final class LineSplitter {
    public static final int MAX_LINE = 16 << 10;

    /** Receives each record. */
    public interface Sink {
        void accept(LogEntry e);
    }

    private final String stream;
    private final Clock clock;
    private final Sink sink;
    private byte[] buf = new byte[1024];
    private int len;

    public LineSplitter(String stream, Clock clock, Sink sink) {
        this.stream = stream;
        this.clock = clock;
        this.sink = sink;
    }

    public void write(byte[] data, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE));
            }
            buf[len++] = data[i];
            if (data[i] == '\n' || len == MAX_LINE) {
                emit();
            }
        }
    }

    /** The stream ended: flush an unterminated last line. */
    public void finish() {
        if (len > 0) {
            emit();
        }
    }

    private void emit() {
        sink.accept(new LogEntry(stream, Arrays.copyOf(buf, len), clock.instant()));
        len = 0;
    }
}
