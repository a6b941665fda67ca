package dev.skiff.daemon.pull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reports bytes read with dockerd's cadence: at most every 1% (or 512 kB, whichever is less),
 * no more than once per 100 ms, and always when the total is reached and at end of stream.
 */
public final class ProgressReader extends FilterInputStream {
    public interface Listener {
        void progress(long current, long total) throws IOException;
    }

    private static final long MAX_STEP = 512 * 1024;
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final long total;
    private final long step;
    private final Listener listener;
    private long current;
    private long lastReported;
    private long lastReportNanos;
    private boolean rateTokenAvailable = true;   // the first update passes the rate limit
    private boolean eofReported;

    public ProgressReader(InputStream in, long total, Listener listener) {
        super(in);
        this.total = total;
        this.step = total > 0 ? Math.min(MAX_STEP, (long) (0.01 * total)) : MAX_STEP;
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            current += n;
        }
        boolean eof = n < 0 && !eofReported;
        if (eof) {
            eofReported = true;
        }
        if (current - lastReported > step || eof) {
            long now = System.nanoTime();
            if (eof || current == total || rateTokenAvailable || now - lastReportNanos >= MIN_INTERVAL_NANOS) {
                listener.progress(current, total);
                lastReportNanos = now;
                rateTokenAvailable = false;
            }
            lastReported = current;
        }
        return n;
    }

    /** Skipping reads through, so that skipped bytes are counted too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int got = read(scratch, 0, scratch.length);
        return Math.max(got, 0);
    }
}
