package dev.skiff.runtime.process;

import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import jnr.ffi.Pointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reaps the daemon's container processes on one thread: each child's pidfd is in an epoll set, and a
 * readable pidfd is reaped with waitid(P_PIDFD). Never waits for "any child", so children of
 * java.lang.Process (or anything else in the JVM) are left alone, and a pid can never be confused with
 * a recycled one.
 */
public final class Reaper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Reaper.class.getName());
    private static final int EPOLL_EVENT_SIZE = 12; // packed: u32 events, u64 data
    private static final int MAX_EVENTS = 64;
    private static final int SIGINFO_SIZE = 128;

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final int epollFd;
    private final int wakeFd;
    private final Pointer events = nat.allocate(EPOLL_EVENT_SIZE * MAX_EVENTS);
    private final Pointer siginfo = nat.allocate(SIGINFO_SIZE);
    private final Pointer registration = nat.allocate(EPOLL_EVENT_SIZE);
    private final Map<Integer, Consumer<ExitStatus>> watched = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    public Reaper() throws LinuxException {
        epollFd = nat.check(libc.epoll_create1(Linux.EPOLL_CLOEXEC), "epoll_create1");
        wakeFd = nat.check(libc.eventfd(0, Linux.EFD_CLOEXEC), "eventfd");
        add(wakeFd);
        thread = new Thread(this::loop, "skiff-reaper");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reaps the child behind {@code pidfd} once it exits and then calls {@code onExit} on the reaper
     * thread. The pidfd stays the caller's: {@code onExit} is the moment to close it.
     */
    public void watch(int pidfd, Consumer<ExitStatus> onExit) throws LinuxException {
        watched.put(pidfd, onExit);
        try {
            add(pidfd);
        } catch (LinuxException e) {
            watched.remove(pidfd);
            throw e;
        }
    }

    private synchronized void add(int fd) throws LinuxException {
        registration.putInt(0, Linux.EPOLLIN);
        registration.putLong(4, fd);
        nat.check(libc.epoll_ctl(epollFd, Linux.EPOLL_CTL_ADD, fd, registration), "epoll_ctl add");
    }

    private void loop() {
        while (!closed) {
            int n = libc.epoll_wait(epollFd, events, MAX_EVENTS, -1);
            if (n < 0) {
                if (nat.errno() == Errno.EINTR) {
                    continue;
                }
                throw new IllegalStateException("epoll_wait failed: " + Errno.text(nat.errno()));
            }
            for (int i = 0; i < n; i++) {
                int fd = (int) events.getLong((long) i * EPOLL_EVENT_SIZE + 4);
                if (fd != wakeFd) {
                    reap(fd);
                }
            }
        }
    }

    private void reap(int pidfd) {
        siginfo.putInt(16, 0); // si_pid stays 0 when the child has not exited after all
        if (libc.waitid(Linux.P_PIDFD, pidfd, siginfo, Linux.WEXITED | Linux.WNOHANG) < 0) {
            if (nat.errno() != Errno.ECHILD) {
                return;
            }
        } else if (siginfo.getInt(16) == 0) {
            return;
        }
        libc.epoll_ctl(epollFd, Linux.EPOLL_CTL_DEL, pidfd, null);
        Consumer<ExitStatus> onExit = watched.remove(pidfd);
        if (onExit != null) {
            // ECHILD: someone else reaped it; report it as killed rather than hang forever
            ExitStatus status = siginfo.getInt(16) == 0 ? ExitStatus.killed(Linux.SIGKILL)
                    : WaitStatus.fromSiginfo(siginfo.getInt(8), siginfo.getInt(24));
            try {
                onExit.accept(status);
            } catch (RuntimeException e) {
                // a failing listener must not stop reaping for everyone else
                LOG.log(System.Logger.Level.ERROR, "exit listener of pidfd " + pidfd + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        libc.write(wakeFd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        libc.close(wakeFd);
        libc.close(epollFd);
    }
}
