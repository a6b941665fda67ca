package dev.skiff.runtime.linux;

import java.util.Map;

/** errno values and their texts as Go's syscall package prints them (runc's messages are built from those). */
public final class Errno {
    private Errno() {
    }

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ETXTBSY = 26;
    public static final int ENOSPC = 28;
    public static final int EROFS = 30;
    public static final int ENAMETOOLONG = 36;
    public static final int ELOOP = 40;
    public static final int EXDEV = 18;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(EPERM, "operation not permitted"),
            Map.entry(ENOENT, "no such file or directory"),
            Map.entry(ESRCH, "no such process"),
            Map.entry(EINTR, "interrupted system call"),
            Map.entry(EIO, "input/output error"),
            Map.entry(ENXIO, "no such device or address"),
            Map.entry(E2BIG, "argument list too long"),
            Map.entry(ENOEXEC, "exec format error"),
            Map.entry(EBADF, "bad file descriptor"),
            Map.entry(ECHILD, "no child processes"),
            Map.entry(EAGAIN, "resource temporarily unavailable"),
            Map.entry(ENOMEM, "cannot allocate memory"),
            Map.entry(EACCES, "permission denied"),
            Map.entry(EBUSY, "device or resource busy"),
            Map.entry(EEXIST, "file exists"),
            Map.entry(EXDEV, "invalid cross-device link"),
            Map.entry(ENOTDIR, "not a directory"),
            Map.entry(EISDIR, "is a directory"),
            Map.entry(EINVAL, "invalid argument"),
            Map.entry(ETXTBSY, "text file busy"),
            Map.entry(ENOSPC, "no space left on device"),
            Map.entry(EROFS, "read-only file system"),
            Map.entry(ENAMETOOLONG, "file name too long"),
            Map.entry(ELOOP, "too many levels of symbolic links"));

    /** Go's text for an errno ("no such file or directory"), or "errno N" for one not listed. */
    public static String text(int errno) {
        return TEXTS.getOrDefault(errno, "errno " + errno);
    }
}
