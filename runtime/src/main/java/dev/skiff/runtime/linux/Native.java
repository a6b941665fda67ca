package dev.skiff.runtime.linux;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The loaded libc binding (loaded once: generating the stubs costs a few hundred milliseconds) and the
 * small helpers every caller needs: errno checks and native memory.
 */
public final class Native {
    private static final int STAT_SIZE = 144;
    private static final int ST_MODE_OFFSET = 24;

    private static final class Holder {
        static final Native INSTANCE = new Native();
    }

    private final LibC libc;
    private final Runtime runtime;

    private Native() {
        libc = LibraryLoader.create(LibC.class).load("c");
        runtime = Runtime.getRuntime(libc);
    }

    public static Native get() {
        return Holder.INSTANCE;
    }

    public LibC libc() {
        return libc;
    }

    public int errno() {
        return LastError.getLastError(runtime);
    }

    /** Returns {@code rc}, or throws with errno when it is negative. */
    public int check(int rc, String operation) throws LinuxException {
        if (rc < 0) {
            throw new LinuxException(operation, errno());
        }
        return rc;
    }

    public long check(long rc, String operation) throws LinuxException {
        if (rc < 0) {
            throw new LinuxException(operation, errno());
        }
        return rc;
    }

    /**
     * Zeroed native memory, freed when the returned pointer becomes unreachable. Never call this on a
     * namespace thread: the first allocation starts jnr-ffi's reference-queue thread.
     */
    public Pointer allocate(int size) {
        return Memory.allocateDirect(runtime, size, true);
    }

    /** A native NUL-terminated copy of {@code s}. */
    public Pointer cString(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Pointer p = allocate(bytes.length + 1);
        p.put(0, bytes, 0, bytes.length);
        return p;
    }

    /** The st_mode of the file an fd (O_PATH included) refers to. */
    public int fileMode(int fd) throws LinuxException {
        byte[] stat = new byte[STAT_SIZE];
        check(libc.fstat(fd, stat), "fstat");
        return (stat[ST_MODE_OFFSET] & 0xff) | (stat[ST_MODE_OFFSET + 1] & 0xff) << 8
                | (stat[ST_MODE_OFFSET + 2] & 0xff) << 16 | (stat[ST_MODE_OFFSET + 3] & 0xff) << 24;
    }

    public int gettid() {
        return (int) libc.syscall(Linux.SYS_GETTID);
    }

    /** Closes {@code fd} if it is valid, ignoring errors (cleanup paths). */
    public void closeQuietly(int fd) {
        if (fd >= 0) {
            libc.close(fd);
        }
    }
}
