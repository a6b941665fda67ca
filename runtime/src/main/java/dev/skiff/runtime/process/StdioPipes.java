package dev.skiff.runtime.process;

import dev.skiff.runtime.linux.FdInputStream;
import dev.skiff.runtime.linux.FdOutputStream;
import dev.skiff.runtime.linux.FdOwner;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;

/**
 * Pipes for a process without a terminal: stdout and stderr always, stdin only when asked for (the
 * child otherwise reads /dev/null). All ends are close-on-exec in the daemon; the child gets its ends
 * through dup2 file actions.
 */
public final class StdioPipes implements AutoCloseable {
    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    /** [read, write] per stream; -1 when absent or already handed over. */
    private final int[] stdin = {-1, -1};
    private final int[] stdout = {-1, -1};
    private final int[] stderr = {-1, -1};

    public StdioPipes(boolean openStdin) throws LinuxException {
        try {
            if (openStdin) {
                pipe(stdin);
            }
            pipe(stdout);
            pipe(stderr);
        } catch (LinuxException e) {
            close();
            throw e;
        }
    }

    private void pipe(int[] ends) throws LinuxException {
        nat.check(libc.pipe2(ends, Linux.O_CLOEXEC), "pipe2");
    }

    /** The child's fd 0 source, or -1 for /dev/null. */
    public int childStdin() {
        return stdin[0];
    }

    public int childStdout() {
        return stdout[1];
    }

    public int childStderr() {
        return stderr[1];
    }

    /** After the spawn: closes the child's ends here and hands the daemon's ends over as streams. */
    public ParentStdio handOver() {
        closeEnd(stdin, 0);
        closeEnd(stdout, 1);
        closeEnd(stderr, 1);
        ParentStdio parent = new ParentStdio(
                stdin[1] < 0 ? null : new FdOutputStream(stdin[1], new FdOwner(stdin[1], 1)),
                new FdInputStream(stdout[0], new FdOwner(stdout[0], 1)),
                new FdInputStream(stderr[0], new FdOwner(stderr[0], 1)), null);
        stdin[1] = -1;
        stdout[0] = -1;
        stderr[0] = -1;
        return parent;
    }

    private void closeEnd(int[] ends, int which) {
        nat.closeQuietly(ends[which]);
        ends[which] = -1;
    }

    /** Closes whatever was not handed over (a failed start). */
    @Override
    public void close() {
        for (int[] ends : new int[][] {stdin, stdout, stderr}) {
            closeEnd(ends, 0);
            closeEnd(ends, 1);
        }
    }
}
