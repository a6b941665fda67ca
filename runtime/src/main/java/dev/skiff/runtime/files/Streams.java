package dev.skiff.runtime.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stream copies for layer and archive data. */
public final class Streams {
    /** Large enough that a 100 MiB file is a few hundred system calls, not the 12,800 of transferTo's 8 KiB. */
    private static final int BUFFER = 128 << 10;

    private Streams() {
    }

    /** Copies everything {@code in} has to {@code out}; returns the number of bytes. Closes neither. */
    public static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }
}
