package dev.skiff.runtime.layer;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The few libc calls layer extraction needs and the JDK lacks (device nodes, ownership and
 * times of symlinks, setuid modes, trusted.* xattrs). Kept apart from the runtime's general
 * binding on purpose; every signature stays at five or fewer primitive arguments (jnr-ffi
 * passes a garbage sixth one).
 */
public interface LayerLibc {
    int AT_FDCWD = -100;
    int AT_SYMLINK_NOFOLLOW = 0x100;
    int S_IFCHR = 0020000;
    int S_IFBLK = 0060000;
    int S_IFIFO = 0010000;

    @SaveError
    int mknod(String path, int mode, long dev);

    @SaveError
    int lchown(String path, int uid, int gid);

    @SaveError
    int chmod(String path, int mode);

    @SaveError
    int lsetxattr(String path, String name, @In byte[] value, long size, int flags);

    /** Returns the value's size, or -1 (ENODATA when the attribute is absent). */
    @SaveError
    long lgetxattr(String path, String name, @Out byte[] value, long size);

    /** times: {atime sec, atime nsec, mtime sec, mtime nsec} (struct timespec[2]). */
    @SaveError
    int utimensat(int dirfd, String path, @In long[] times, int flags);

    String strerror(int errnum);
}
