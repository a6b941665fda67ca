package dev.skiff.runtime.tty;

import dev.skiff.runtime.ProcessSpec.ConsoleSize;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import dev.skiff.runtime.rootfs.RootedFiles;
import jnr.ffi.Pointer;

/**
 * Opens a pty in the container's devpts instance (its /dev/pts/ptmx), unlocks it and sets the
 * initial size. Buffers are allocated at construction: {@link #open} runs on a namespace thread.
 * (glibc's ptsname stats /dev/pts/N in the caller's root, the host's, so the number comes from
 * TIOCGPTN instead.)
 */
public final class PtyOpener {
    private static final long TIOCGPTN = 0x80045430L;

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final Pointer intArg = nat.allocate(4);
    private final Pointer winsize = nat.allocate(8);

    /** Opens a new pty through {@code files} (rooted at the container root). */
    public Pty open(RootedFiles files, ConsoleSize size) throws LinuxException {
        int master = files.openOrThrow("/dev/pts/ptmx", Linux.O_RDWR | Linux.O_NOCTTY);
        try {
            intArg.putInt(0, 0);
            nat.check(libc.ioctl(master, Linux.TIOCSPTLCK, intArg), "unlock pty");
            nat.check(libc.ioctl(master, TIOCGPTN, intArg), "get pty number");
            if (size != null && size.rows() > 0 && size.cols() > 0) {
                putWinsize(winsize, size.rows(), size.cols());
                nat.check(libc.ioctl(master, Linux.TIOCSWINSZ, winsize), "set terminal size");
            }
            return new Pty(master, intArg.getInt(0));
        } catch (LinuxException e) {
            libc.close(master);
            throw e;
        }
    }

    static void putWinsize(Pointer winsize, int rows, int cols) {
        winsize.putShort(0, (short) rows);
        winsize.putShort(2, (short) cols);
        winsize.putShort(4, (short) 0);
        winsize.putShort(6, (short) 0);
    }
}
