package dev.skiff.runtime.spawn;

import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Parks a spawned child between clone and exec so the daemon can move it into a cgroup v2 group first
 * (cgroup v2 cannot place the spawning thread alone). The child's first file action opens a FIFO for
 * reading, which blocks until the daemon opens it for writing.
 *
 * <p>The FIFO is unlinked at once and reached through /proc/self/fd of an O_PATH fd, which the child
 * shares at clone time: the path then works in any mount namespace that has a /proc.
 */
final class SpawnGate implements AutoCloseable {

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final int fd;

    SpawnGate(Path dir) throws IOException {
        Path path = dir.resolve("gate-" + UUID.randomUUID());
        nat.check(libc.mknodat(Linux.AT_FDCWD, path.toString(), Linux.S_IFIFO | 0600, 0), "mkfifo " + path);
        int opened = -1;
        try {
            opened = nat.check(libc.openat(Linux.AT_FDCWD, path.toString(), Linux.O_PATH | Linux.O_CLOEXEC, 0),
                    "open " + path);
            Files.delete(path);
        } catch (IOException e) {
            nat.closeQuietly(opened);
            Files.deleteIfExists(path);
            throw e;
        }
        fd = opened;
    }

    /** The path the child opens (O_RDONLY) as its first file action. */
    String childPath() {
        return "/proc/self/fd/" + fd;
    }

    /**
     * The pid of the child parked by {@code spawner} (a thread blocked in posix_spawn), or -1 once
     * {@code spawner} has ended without one.
     */
    static int awaitParkedChild(Thread spawner, ExecTask task) throws IOException {
        while (spawner.isAlive()) {
            int tid = task.tid;
            if (tid > 0) {
                Path children = Path.of("/proc/self/task/" + tid + "/children");
                String list = Files.exists(children) ? Files.readString(children).trim() : "";
                if (!list.isEmpty()) {
                    return Integer.parseInt(list.split(" ")[0]);
                }
            }
            Thread.onSpinWait();
        }
        return -1;
    }

    /** Lets the parked child go on (to its remaining file actions and exec). */
    void release(Thread spawner) throws LinuxException {
        while (true) {
            int writer = libc.openat(Linux.AT_FDCWD, "/proc/self/fd/" + fd,
                    Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0);
            if (writer >= 0) {
                libc.close(writer);
                return;
            }
            // ENXIO: the child has not reached its open yet (or died on the way)
            if (nat.errno() != Errno.ENXIO || !spawner.isAlive()) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
