package dev.skiff.runtime.process;

import dev.skiff.runtime.ContainerProcess;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import dev.skiff.runtime.tty.Pty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** A spawned container process: pid, pidfd (until reaped), the parent's stdio ends and the exit future. */
public class ChildProcess implements ContainerProcess {
    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final int pid;
    private final ParentStdio stdio;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private int pidfd;

    public ChildProcess(int pid, int pidfd, ParentStdio stdio) {
        this.pid = pid;
        this.pidfd = pidfd;
        this.stdio = stdio;
    }

    /** Hands the pidfd to the reaper; the future completes (and the pidfd is closed) once reaped. */
    public void watch(Reaper reaper) throws LinuxException {
        reaper.watch(pidfd, this::reaped);
    }

    private void reaped(ExitStatus status) {
        synchronized (this) {
            libc.close(pidfd);
            pidfd = -1;
        }
        exit.complete(status);
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public OutputStream stdin() {
        return stdio.stdin();
    }

    @Override
    public InputStream stdout() {
        return stdio.stdout();
    }

    @Override
    public InputStream stderr() {
        return stdio.stderr();
    }

    @Override
    public boolean hasTerminal() {
        return stdio.pty() != null;
    }

    @Override
    public void resize(int rows, int cols) throws IOException {
        Pty pty = stdio.pty();
        if (pty == null) {
            throw new IllegalStateException("process " + pid + " has no terminal");
        }
        pty.resize(rows, cols);
    }

    @Override
    public synchronized void kill(int signal) throws IOException {
        if (pidfd < 0) {
            return;
        }
        if (libc.syscall(Linux.SYS_PIDFD_SEND_SIGNAL, pidfd, signal, null, 0) < 0
                && nat.errno() != Errno.ESRCH) { // ESRCH: exited, not yet reaped
            throw new LinuxException("kill " + pid + " with signal " + signal, nat.errno());
        }
    }

    /** Whether the process has not exited yet (signal 0 through the pidfd). */
    public synchronized boolean isAlive() {
        return pidfd >= 0 && libc.syscall(Linux.SYS_PIDFD_SEND_SIGNAL, pidfd, 0, null, 0) == 0;
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
        return exit;
    }
}
