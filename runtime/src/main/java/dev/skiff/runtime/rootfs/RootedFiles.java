package dev.skiff.runtime.rootfs;

import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import jnr.ffi.Pointer;

/**
 * Path operations inside a container root that can never escape it: every lookup is openat2 with
 * RESOLVE_IN_ROOT, so ".." and absolute symlinks in an image stay inside the rootfs. Mounts then target
 * the opened fd through /proc/thread-self/fd.
 *
 * <p>Allocates its native buffer at construction, so a namespace thread can use it without allocating.
 * Not thread-safe.
 */
public final class RootedFiles {
    private static final int OPEN_HOW_SIZE = 24;

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final Pointer how = nat.allocate(OPEN_HOW_SIZE);
    private int rootFd = -1;

    /** Uses {@code rootFd} (an O_PATH directory fd owned by the caller) as the root of every path. */
    public void setRoot(int rootFd) {
        this.rootFd = rootFd;
    }

    /** openat2(root, path, flags | O_CLOEXEC, RESOLVE_IN_ROOT); returns -errno on failure. */
    public int open(String path, int flags) {
        how.putLong(0, flags | Linux.O_CLOEXEC);
        how.putLong(8, 0);
        how.putLong(16, Linux.RESOLVE_IN_ROOT | Linux.RESOLVE_NO_MAGICLINKS);
        int fd = (int) libc.syscall(Linux.SYS_OPENAT2, rootFd, relative(path), how, OPEN_HOW_SIZE);
        return fd >= 0 ? fd : -nat.errno();
    }

    public int openOrThrow(String path, int flags) throws LinuxException {
        int fd = open(path, flags);
        if (fd < 0) {
            throw new LinuxException("open " + path, -fd);
        }
        return fd;
    }

    /** The st_mode of the file an fd refers to. */
    public int mode(int fd) throws LinuxException {
        return nat.fileMode(fd);
    }

    /** stat(2) inside the root, following symlinks: the st_mode, or -errno. */
    public int statMode(String path) {
        int fd = open(path, Linux.O_PATH);
        if (fd < 0) {
            return fd;
        }
        try {
            return mode(fd);
        } catch (LinuxException e) {
            return -e.errno();
        } finally {
            libc.close(fd);
        }
    }

    /** mkdir -p inside the root; returns an O_PATH fd of the directory (caller closes). */
    public int makeDirectories(String path) throws LinuxException {
        int fd = open(path, Linux.O_PATH | Linux.O_DIRECTORY);
        if (fd >= 0) {
            return fd;
        }
        if (fd != -Errno.ENOENT) {
            throw new LinuxException("open " + path, -fd);
        }
        int slash = path.lastIndexOf('/');
        int parent = makeDirectories(slash <= 0 ? "/" : path.substring(0, slash));
        try {
            String name = path.substring(slash + 1);
            if (libc.mkdirat(parent, name, 0755) < 0 && nat.errno() != Errno.EEXIST) {
                throw new LinuxException("mkdir " + path, nat.errno());
            }
            int dir = libc.openat(parent, name, Linux.O_PATH | Linux.O_DIRECTORY | Linux.O_NOFOLLOW
                    | Linux.O_CLOEXEC, 0);
            return nat.check(dir, "open " + path);
        } finally {
            libc.close(parent);
        }
    }

    /**
     * Opens {@code path} as a mount target of the given kind, creating it (an empty directory or file,
     * with missing parents) when it does not exist. Returns an O_PATH fd (caller closes).
     */
    public int mountTarget(String path, boolean directory) throws LinuxException {
        if (directory) {
            return makeDirectories(path);
        }
        int fd = open(path, Linux.O_PATH);
        if (fd >= 0) {
            return fd;
        }
        if (fd != -Errno.ENOENT) {
            throw new LinuxException("open " + path, -fd);
        }
        int slash = path.lastIndexOf('/');
        int parent = makeDirectories(slash <= 0 ? "/" : path.substring(0, slash));
        try {
            String name = path.substring(slash + 1);
            int created = libc.openat(parent, name, Linux.O_WRONLY | Linux.O_CREAT | Linux.O_NOFOLLOW
                    | Linux.O_CLOEXEC, 0644);
            if (created < 0 && nat.errno() != Errno.EEXIST) {
                throw new LinuxException("create " + path, nat.errno());
            }
            libc.close(created);
        } finally {
            libc.close(parent);
        }
        return openOrThrow(path, Linux.O_PATH);
    }

    /** The magic-link path that makes mount(2) act on the file {@code fd} refers to. */
    public static String procPath(int fd) {
        return "/proc/thread-self/fd/" + fd;
    }

    private static String relative(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? "." : p;
    }
}
