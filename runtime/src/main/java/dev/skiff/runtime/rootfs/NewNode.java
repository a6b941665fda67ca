package dev.skiff.runtime.rootfs;

import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;

/**
 * A device node or FIFO that {@link PinnedDirectory#createNode} has just created, held by an O_PATH
 * descriptor. Opening it for real could block (a FIFO waits for a writer) or reach a device, so its
 * owner, mode and time are set through the descriptor alone: chown on the descriptor itself, chmod and
 * utimensat on its /proc link, which the kernel resolves to the node without opening it.
 */
public final class NewNode implements AutoCloseable {
    private final Native nat = Native.get();
    private final int fd;
    private final String name;
    private final String link;

    NewNode(int fd, String name) {
        this.fd = fd;
        this.name = name;
        this.link = "/proc/self/fd/" + fd;
    }

    /** Sets owner and group; before {@link #setMode}, as for a regular file. */
    public void setOwner(int uid, int gid) throws IOException {
        nat.check(nat.libc().fchownat(fd, "", uid, gid, Linux.AT_EMPTY_PATH), "chown " + name);
    }

    /** Sets the permission bits, set-user-ID, set-group-ID and sticky bits included. */
    public void setMode(int mode) throws IOException {
        nat.check(nat.libc().fchmodat(Linux.AT_FDCWD, link, mode & 07777, 0), "chmod " + name);
    }

    /** Sets the modification time and leaves the access time as it is. */
    public void setModifiedTime(long epochSecond, int nanos) throws IOException {
        nat.check(nat.libc().utimensat(Linux.AT_FDCWD, link,
                new long[] {0, Linux.UTIME_OMIT, epochSecond, nanos}, 0), "utimes " + name);
    }

    @Override
    public void close() {
        nat.libc().close(fd);
    }
}
