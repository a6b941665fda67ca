package dev.skiff.runtime.tty;

import dev.skiff.runtime.linux.FdInputStream;
import dev.skiff.runtime.linux.FdOutputStream;
import dev.skiff.runtime.linux.FdOwner;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import jnr.ffi.Pointer;

/**
 * A pseudo-terminal master of a container's own devpts instance. The master fd is shared by the
 * input and output streams and closed when both are closed.
 */
public final class Pty {
    private final int master;
    private final int number;
    private final FdOwner owner;
    private final FdInputStream input;
    private final FdOutputStream output;

    Pty(int master, int number) {
        this.master = master;
        this.number = number;
        this.owner = new FdOwner(master, 2);
        this.input = new FdInputStream(master, owner);
        this.output = new FdOutputStream(master, owner);
    }

    /** The slave's path inside the container. */
    public String slavePath() {
        return "/dev/pts/" + number;
    }

    public FdInputStream input() {
        return input;
    }

    public FdOutputStream output() {
        return output;
    }

    /** TIOCSWINSZ: the kernel sends SIGWINCH to the terminal's foreground process group. */
    public void resize(int rows, int cols) throws LinuxException {
        Native nat = Native.get();
        Pointer winsize = nat.allocate(8);
        PtyOpener.putWinsize(winsize, rows, cols);
        nat.check(nat.libc().ioctl(master, Linux.TIOCSWINSZ, winsize), "set terminal size");
    }

    /** Closes the master directly (a start that failed before the streams were handed out). */
    public void closeUnused() {
        input.close();
        output.close();
    }
}
