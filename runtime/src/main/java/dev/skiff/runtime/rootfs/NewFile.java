package dev.skiff.runtime.rootfs;

import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A regular file that {@link PinnedDirectory#createFile} has just created, written and given its owner,
 * mode and modification time through its own descriptor: each is a system call on the file, with no
 * path to look up again (and none that a symlink could redirect).
 */
public final class NewFile implements AutoCloseable {
    private final Native nat = Native.get();
    private final int fd;
    private final String name;
    private FileChannel channel;

    NewFile(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * The file's content as a channel, opened through the descriptor's /proc link (the same file, no
     * name looked up again): writes of direct buffers reach the kernel without a copy.
     */
    public FileChannel content() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.WRITE);
        }
        return channel;
    }

    /** Sets owner and group; before {@link #setMode}, since a change of owner clears set-user-ID bits. */
    public void setOwner(int uid, int gid) throws IOException {
        nat.check(nat.libc().fchown(fd, uid, gid), "chown " + name);
    }

    /** Sets the permission bits, set-user-ID, set-group-ID and sticky bits included. */
    public void setMode(int mode) throws IOException {
        nat.check(nat.libc().fchmod(fd, mode & 07777), "chmod " + name);
    }

    /** Sets the modification time and leaves the access time as it is. */
    public void setModifiedTime(long epochSecond, int nanos) throws IOException {
        nat.check(nat.libc().futimens(fd, new long[] {0, Linux.UTIME_OMIT, epochSecond, nanos}), "utimes " + name);
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            // the data is in the page cache already; close reports late write errors of some filesystems
            nat.check(nat.libc().close(fd), "close " + name);
        }
    }
}
