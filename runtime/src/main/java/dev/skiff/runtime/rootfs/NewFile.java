package dev.skiff.runtime.rootfs;

import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;
import java.util.Arrays;

/**
 * A regular file that {@link PinnedDirectory#createFile} has just created, written and given its owner,
 * mode and modification time through its own descriptor: each is one system call on the file, with no
 * path to look up again (and none that a symlink could redirect).
 */
public final class NewFile implements AutoCloseable {
    private final Native nat = Native.get();
    private final int fd;
    private final String name;

    NewFile(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** Writes the first {@code len} bytes of {@code buf}. */
    public void write(byte[] buf, int len) throws IOException {
        int done = 0;
        while (done < len) {
            byte[] rest = done == 0 ? buf : Arrays.copyOfRange(buf, done, len);
            long n = nat.libc().write(fd, rest, len - done);
            if (n < 0) {
                int errno = nat.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw new LinuxException("write " + name, errno);
            }
            done += (int) n;
        }
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
        // the data is in the page cache already; close reports late write errors of some filesystems
        nat.check(nat.libc().close(fd), "close " + name);
    }
}
