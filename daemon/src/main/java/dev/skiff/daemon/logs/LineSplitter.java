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
        int end = off + n;
        int start = off;
        while (start < end) {
            // the record ends at the newline, or where it reaches MAX_LINE
            int limit = Math.min(end, start + MAX_LINE - len);
            int i = start;
            while (i < limit && data[i] != '\n') {
                i++;
            }
            boolean complete = i < limit || len + (i - start) == MAX_LINE;
            int stop = i < limit ? i + 1 : i;
            if (complete && len == 0) {
                emit(Arrays.copyOfRange(data, start, stop));   // a whole line in this chunk: one copy
            } else {
                append(data, start, stop - start);
                if (complete) {
                    emit(Arrays.copyOf(buf, len));
                }
            }
            start = stop;
        }
    }

    private void append(byte[] data, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(Math.max(buf.length * 2, len + n), MAX_LINE));
        }
        System.arraycopy(data, off, buf, len, n);
        len += n;
    }

    /** The stream ended: flush an unterminated last line. */
    public void finish() {
        if (len > 0) {
            emit(Arrays.copyOf(buf, len));
        }
    }

    private void emit(byte[] line) {
        sink.accept(new LogEntry(stream, line, clock.instant()));
        len = 0;
    }
}
