package dev.skiff.runtime.spawn;

import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;
import java.io.InputStream;

/**
 * The static init program shipped in this jar (built from src/main/c/skiff-init.c), loaded at daemon
 * start into a sealed memfd. Executing it from memory works on hosts whose exec root is mounted noexec
 * (Debian and Ubuntu mount /run so), and nobody can modify it while the daemon runs.
 */
public final class InitBinary {
    static final String RESOURCE = "skiff-init";
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int SEAL_ALL = 0x1 | 0x2 | 0x4 | 0x8; // seal, shrink, grow, write

    /** The fd number the child is given the program under (skiff-init closes it first thing). */
    public static final int CHILD_FD = 4;

    private final int fd;

    private InitBinary(int fd) {
        this.fd = fd;
    }

    public static InitBinary load() throws IOException {
        byte[] program;
        try (InputStream in = InitBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("skiff-init is missing from the runtime jar (built by the Maven build)");
            }
            program = in.readAllBytes();
        }
        Native nat = Native.get();
        LibC libc = nat.libc();
        int fd = nat.check(libc.memfd_create(RESOURCE, MFD_CLOEXEC | MFD_ALLOW_SEALING), "memfd_create");
        try {
            long written = nat.check(libc.write(fd, program, program.length), "write skiff-init");
            if (written != program.length) {
                throw new IOException("short write of skiff-init to its memfd");
            }
            nat.check(libc.fcntl(fd, F_ADD_SEALS, SEAL_ALL), "seal skiff-init");
        } catch (IOException e) {
            libc.close(fd);
            throw e;
        }
        return new InitBinary(fd);
    }

    /** The memfd (close-on-exec); a spawn passes it to the child as {@link #CHILD_FD}. */
    public int fd() {
        return fd;
    }

    /** The path a child with the program at {@link #CHILD_FD} executes. */
    public static String childPath() {
        return "/proc/self/fd/" + CHILD_FD;
    }

    /** Throws away the memfd (daemon shutdown). */
    public void close() {
        Native.get().libc().close(fd);
    }
}
