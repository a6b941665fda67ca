package dev.skiff.runtime.layer;

import jnr.ffi.LibraryLoader;

import java.io.IOException;
import java.nio.file.Path;

/** Checked wrappers over {@link LayerLibc}: a failing call becomes an IOException naming the path. */
final class LayerSyscalls {
    private static final class Holder {
        static final LayerLibc LIBC = LibraryLoader.create(LayerLibc.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);
    }

    private LayerSyscalls() {
    }

    /** glibc's makedev(). */
    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    static void mknod(Path path, int mode, long dev) throws IOException {
        check(Holder.LIBC.mknod(path.toString(), mode, dev), "mknod", path);
    }

    static void lchown(Path path, long uid, long gid) throws IOException {
        check(Holder.LIBC.lchown(path.toString(), (int) uid, (int) gid), "lchown", path);
    }

    static void chmod(Path path, int mode) throws IOException {
        check(Holder.LIBC.chmod(path.toString(), mode), "chmod", path);
    }

    static void lsetxattr(Path path, String name, byte[] value) throws IOException {
        check(Holder.LIBC.lsetxattr(path.toString(), name, value, value.length, 0), "lsetxattr " + name, path);
    }

    /** The attribute's value, or null when the file does not have it. */
    static byte[] lgetxattr(Path path, String name) throws IOException {
        byte[] buf = new byte[256];
        long n = Holder.LIBC.lgetxattr(path.toString(), name, buf, buf.length);
        if (n < 0) {
            int errno = Holder.RUNTIME.getLastError();
            if (errno == ENODATA || errno == ENOTSUP) {
                return null;
            }
            throw new IOException("lgetxattr " + name + " " + path + ": " + Holder.LIBC.strerror(errno));
        }
        return java.util.Arrays.copyOf(buf, (int) n);
    }

    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;

    static void lutimes(Path path, long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec) throws IOException {
        long[] times = {atimeSec, atimeNsec, mtimeSec, mtimeNsec};
        check(Holder.LIBC.utimensat(LayerLibc.AT_FDCWD, path.toString(), times, LayerLibc.AT_SYMLINK_NOFOLLOW),
                "utimensat", path);
    }

    private static void check(int rc, String call, Path path) throws IOException {
        if (rc != 0) {
            int errno = Holder.RUNTIME.getLastError();
            throw new IOException(call + " " + path + ": " + Holder.LIBC.strerror(errno));
        }
    }
}
