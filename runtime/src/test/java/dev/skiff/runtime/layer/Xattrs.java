package dev.skiff.runtime.layer;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Out;

import java.nio.file.Path;
import java.util.Arrays;

/** Reads xattrs back in tests (the JDK only sees the user.* namespace). */
final class Xattrs {
    public interface Libc {
        long lgetxattr(String path, String name, @Out byte[] value, long size);
    }

    private static final Libc LIBC = LibraryLoader.create(Libc.class).load("c");

    private Xattrs() {
    }

    /** The value, or null if the attribute is not set. */
    static byte[] get(Path path, String name) {
        byte[] buf = new byte[4096];
        long n = LIBC.lgetxattr(path.toString(), name, buf, buf.length);
        return n < 0 ? null : Arrays.copyOf(buf, (int) n);
    }
}
