package dev.skiff.daemon.attach;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The key sequence that detaches a client from a TTY container or exec ({@code detachKeys}, default
 * Ctrl-P Ctrl-Q), in the docker syntax: comma-separated single characters or {@code ctrl-a} ..
 * {@code ctrl-z}, {@code ctrl-@}, {@code ctrl-[}, {@code ctrl-\}, {@code ctrl-]}, {@code ctrl-^},
 * {@code ctrl-_}.
 */
public final class DetachKeys {
    public static final String DEFAULT = "ctrl-p,ctrl-q";
    /** The control characters by their code (0 = ctrl-@ ... 31 = ctrl-_). */
    private static final String CTRL_NAMES = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    private final byte[] sequence;

    private DetachKeys(byte[] sequence) {
        this.sequence = sequence;
    }

    /**
     * Parses a sequence; null or empty gives the default.
     *
     * @throws IllegalArgumentException with the docker CLI's text ({@code Unknown character: 'x'})
     */
    public static DetachKeys parse(String spec) {
        String keys = spec == null || spec.isEmpty() ? DEFAULT : spec;
        String[] parts = keys.split(",", -1);
        byte[] codes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String key = parts[i];
            if (key.length() == 1) {
                codes[i] = (byte) key.charAt(0);
                continue;
            }
            int code = key.length() == 6 && key.startsWith("ctrl-") ? CTRL_NAMES.indexOf(key.charAt(5)) : -1;
            if (code < 0) {
                throw new IllegalArgumentException("Unknown character: '" + key + "'");
            }
            codes[i] = (byte) code;
        }
        return new DetachKeys(codes);
    }

    byte[] sequence() {
        return sequence.clone();
    }

    /** A matcher for one client's stdin. */
    public Matcher matcher() {
        return new Matcher();
    }

    /**
     * Passes a client's bytes through, holding back a possible start of the sequence until it either
     * completes (the client detaches; the sequence itself never reaches the process) or turns out to be
     * ordinary input (the held bytes go through after all).
     */
    public final class Matcher {
        private int matched;

        /**
         * Writes the bytes of {@code data} that are input to {@code out}.
         *
         * @return true when the sequence completed: the client detaches, the rest of {@code data} is dropped
         */
        public boolean filter(byte[] data, int off, int len, OutputStream out) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                byte b = data[i];
                if (b == sequence[matched]) {
                    if (matched == 0) {
                        out.write(data, start, i - start);
                    }
                    matched++;
                    if (matched == sequence.length) {
                        return true;
                    }
                    start = i + 1;
                    continue;
                }
                if (matched > 0) {
                    out.write(sequence, 0, matched);
                    matched = 0;
                    start = i;
                    if (b == sequence[0]) {
                        matched = 1;
                        start = i + 1;
                    }
                }
            }
            if (matched == 0) {
                out.write(data, start, off + len - start);
            }
            return false;
        }
    }
}
