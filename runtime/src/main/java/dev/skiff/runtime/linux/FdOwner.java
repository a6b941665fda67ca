package dev.skiff.runtime.linux;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns one file descriptor shared by {@code users} streams; the last {@link #release()} closes it
 * (a pty master is both stdin and stdout).
 */
public final class FdOwner {
    private final int fd;
    private final AtomicInteger users;

    public FdOwner(int fd, int users) {
        this.fd = fd;
        this.users = new AtomicInteger(users);
    }

    public void release() {
        if (users.decrementAndGet() == 0) {
            Native.get().libc().close(fd);
        }
    }
}
