package dev.skiff.runtime.rootfs;

import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * A directory held open (O_PATH) so that files in it can be reached by name without resolving the
 * directory's path again: a process in a running container may replace a directory of its root with a
 * symlink at any moment, and a host path through it would then lead out of the container. Java file
 * APIs reach the entries through {@code /proc/self/fd/<fd>/<name>}, where the kernel takes the directory
 * from the descriptor; their last component must be used without following symlinks.
 */
public final class PinnedDirectory implements AutoCloseable {
    private final int fd;

    private PinnedDirectory(int fd) {
        this.fd = fd;
    }

    /** Opens a trusted host directory (a container's rootfs mount or a bind source). */
    public static PinnedDirectory open(Path dir) throws IOException {
        Native nat = Native.get();
        return new PinnedDirectory(nat.check(nat.libc().openat(Linux.AT_FDCWD, dir.toString(),
                Linux.O_PATH | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0), "open " + dir));
    }

    /**
     * Opens the subdirectory {@code name} (one component, never "." or ".."); fails with ELOOP or
     * ENOTDIR when it is a symlink or no directory.
     */
    public PinnedDirectory subdirectory(String name) throws IOException {
        checkComponent(name);
        Native nat = Native.get();
        return new PinnedDirectory(nat.check(nat.libc().openat(fd, name,
                Linux.O_PATH | Linux.O_DIRECTORY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0), "open " + name));
    }

    /**
     * Creates the regular file {@code name} (mode 0600 until {@link NewFile#setMode}); fails with
     * {@link FileAlreadyExistsException} when anything, a symlink included, is there already.
     */
    public NewFile createFile(String name) throws IOException {
        checkComponent(name);
        Native nat = Native.get();
        int fd = nat.libc().openat(this.fd, name,
                Linux.O_WRONLY | Linux.O_CREAT | Linux.O_EXCL | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0600);
        if (fd < 0) {
            int errno = nat.errno();
            if (errno == Errno.EEXIST) {
                throw new FileAlreadyExistsException(name);
            }
            throw new LinuxException("create " + name, errno);
        }
        return new NewFile(fd, name);
    }

    /**
     * Creates the device node or FIFO {@code name} (mode 0600 until {@link NewNode#setMode}); fails with
     * {@link FileAlreadyExistsException} when anything is there already, and with an IOException when
     * what it then finds under the name is not the node it made (a process in the container swapped it).
     *
     * @param type the S_IFMT bits: S_IFCHR, S_IFBLK or S_IFIFO
     */
    public NewNode createNode(String name, int type, int major, int minor) throws IOException {
        checkComponent(name);
        Native nat = Native.get();
        if (nat.libc().mknodat(fd, name, type | 0600, Linux.makedev(major, minor)) < 0) {
            int errno = nat.errno();
            if (errno == Errno.EEXIST) {
                throw new FileAlreadyExistsException(name);
            }
            throw new LinuxException("mknod " + name, errno);
        }
        int node = nat.check(nat.libc().openat(fd, name, Linux.O_PATH | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0),
                "open " + name);
        try {
            if ((nat.fileMode(node) & Linux.S_IFMT) != type) {
                throw new IOException("mknod " + name + ": replaced while it was being created");
            }
        } catch (IOException e) {
            nat.libc().close(node);
            throw e;
        }
        return new NewNode(node, name);
    }

    /** The directory itself, for listing it or reading its attributes. */
    public Path path() {
        return Path.of("/proc/self/fd/" + fd);
    }

    /** An entry of the directory; use it without following a symlink there. */
    public Path child(String name) {
        return path().resolve(name);
    }

    private static void checkComponent(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
            throw new IllegalArgumentException("not a single path component: " + name);
        }
    }

    @Override
    public void close() {
        Native.get().libc().close(fd);
    }
}
