package dev.skiff.runtime.spawn;

import dev.skiff.runtime.ContainerSpec;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.ProcessSpec;
import dev.skiff.runtime.ProcessStartException;
import dev.skiff.runtime.cgroup.CgroupDriver;
import dev.skiff.runtime.cgroup.ContainerCgroup;
import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import dev.skiff.runtime.namespace.NamespaceThread;
import dev.skiff.runtime.process.Capabilities;
import dev.skiff.runtime.process.ChildProcess;
import dev.skiff.runtime.process.ParentStdio;
import dev.skiff.runtime.process.Reaper;
import dev.skiff.runtime.process.StdioPipes;
import dev.skiff.runtime.rootfs.MaskedPaths;
import dev.skiff.runtime.rootfs.OverlayRoot;

import jnr.ffi.Pointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Starts a container: overlay root and cgroup from the calling (host) thread, namespaces and the spawn
 * of skiff-init on a fresh thread ({@link StartTask}), then waits until skiff-init has exec'd the
 * program or reported why it could not. A failed start leaves nothing behind.
 */
public final class ContainerStarter {
    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final InitBinary init;
    private final CgroupDriver cgroups;
    private final Reaper reaper;

    public ContainerStarter(InitBinary init, CgroupDriver cgroups, Reaper reaper) {
        this.init = init;
        this.cgroups = cgroups;
        this.reaper = reaper;
    }

    /** The started first process and the cgroup it runs in. */
    public record Started(ChildProcess process, ContainerCgroup cgroup) {
    }

    public static String cgroupPath(ContainerSpec spec) {
        return spec.cgroupParent() + "/" + spec.id();
    }

    public Started start(ContainerSpec spec) throws ProcessStartException {
        try {
            OverlayRoot.mount(spec);
        } catch (IOException e) {
            undo(spec);
            throw StartFailures.system(e.getMessage(), e);
        }
        ContainerCgroup cgroup;
        try {
            cgroup = cgroups.create(cgroupPath(spec), spec.resources());
        } catch (IOException e) {
            undo(spec);
            throw StartFailures.system("creating cgroup: " + e.getMessage(), e);
        }
        try {
            return spawn(spec, cgroup);
        } catch (ProcessStartException e) {
            undo(spec);
            throw e;
        }
    }

    private Started spawn(ContainerSpec spec, ContainerCgroup cgroup) throws ProcessStartException {
        ProcessSpec process = spec.process();
        int[] report = {-1, -1};
        StdioPipes pipes = null;
        StartTask task;
        try (SpawnPlan plan = new SpawnPlan(InitBinary.childPath(), initArgv(spec, cgroup), process.env())) {
            nat.check(libc.pipe2(report, Linux.O_CLOEXEC), "pipe2");
            pipes = process.tty() ? null : new StdioPipes(process.openStdin());
            task = new StartTask(spec, cgroup, plan, pipes, report[1], init.fd());
            NamespaceThread.run(task, "skiff-start-" + spec.id());
        } catch (LinuxException e) {
            closeAll(report, pipes);
            throw StartFailures.system(e.getMessage(), e);
        }
        nat.closeQuietly(report[1]);
        report[1] = -1;
        if (task.failure != null) {
            if (task.pid > 0) { // spawned, but pidfd_open failed
                discard(task.pid, -1);
            }
            closeAll(report, pipes);
            if (task.pty != null) {
                task.pty.closeUnused();
            }
            if (task.failure instanceof ProcessStartException p) {
                throw p;
            }
            throw StartFailures.system(task.failure.getMessage(), task.failure);
        }
        ParentStdio stdio = pipes != null ? pipes.handOver()
                : new ParentStdio(task.pty.output(), task.pty.input(), null, task.pty);
        ChildProcess child = new ChildProcess(task.pid, task.pidfd, stdio);
        try {
            child.watch(reaper);
        } catch (LinuxException e) {
            discard(task.pid, task.pidfd);
            closeStreams(child);
            nat.closeQuietly(report[0]);
            throw StartFailures.system(e.getMessage(), e);
        }
        try {
            awaitExec(child, report[0], process);
        } catch (LinuxException e) {
            // the caller's undo kills the process through its cgroup; the reaper reaps it
            closeStreams(child);
            throw StartFailures.system(e.getMessage(), e);
        } finally {
            nat.closeQuietly(report[0]);
        }
        return new Started(child, cgroup);
    }

    /** skiff-init argv; see src/main/c/skiff-init.c. The null is the resolved program path. */
    private List<String> initArgv(ContainerSpec spec, ContainerCgroup cgroup) {
        ProcessSpec p = spec.process();
        List<String> argv = new ArrayList<>();
        argv.add("skiff-init");
        argv.add(spec.rootfs().toString());
        argv.add(p.cwd());
        argv.add(Integer.toUnsignedString(p.uid()));
        argv.add(Integer.toUnsignedString(p.gid()));
        argv.add(p.additionalGids().stream().map(Integer::toUnsignedString).collect(Collectors.joining(",")));
        argv.add(Capabilities.hex(Capabilities.containerDefault(cgroup.controlsDevices())));
        argv.add(cgroup.placesThreads() ? "" : cgroup.procsFile().toString());
        argv.add(MaskedPaths.joined(MaskedPaths.DOCKER_MASKED));
        argv.add(MaskedPaths.joined(MaskedPaths.DOCKER_READ_ONLY));
        argv.add(null);
        argv.addAll(p.args());
        return argv;
    }

    /**
     * Blocks until skiff-init has exec'd the program (EOF on the report pipe) or reported a failure; then
     * it has exited, and the start fails.
     */
    private void awaitExec(ChildProcess child, int reportRead, ProcessSpec process)
            throws LinuxException, ProcessStartException {
        byte[] record = new byte[8];
        int got = 0;
        while (got < record.length) {
            byte[] chunk = new byte[record.length - got];
            long n = libc.read(reportRead, chunk, chunk.length);
            if (n < 0 && nat.errno() == Errno.EINTR) {
                continue;
            }
            nat.check(n, "read skiff-init report");
            if (n == 0) {
                break;
            }
            System.arraycopy(chunk, 0, record, got, (int) n);
            got += (int) n;
        }
        if (got == 0) {
            return;
        }
        ExitStatus status = awaitExit(child);
        closeStreams(child);
        if (got < record.length) {
            throw StartFailures.of(ProcessStartException.Reason.SYSTEM,
                    "container init failed with status " + status.statusCode());
        }
        ByteBuffer buf = ByteBuffer.wrap(record).order(ByteOrder.nativeOrder());
        throw StartFailures.fromInit(InitStage.of(buf.getInt(0)), buf.getInt(4), process.cwd(),
                process.args().get(0));
    }

    private static ExitStatus awaitExit(ChildProcess child) throws ProcessStartException {
        try {
            return child.exit().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StartFailures.system("interrupted while starting", e);
        } catch (ExecutionException e) {
            throw StartFailures.system("waiting for container init", e.getCause());
        }
    }

    private static void closeStreams(ChildProcess child) {
        try {
            if (child.stdin() != null) {
                child.stdin().close();
            }
            child.stdout().close();
            if (child.stderr() != null) {
                child.stderr().close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("closing fd streams cannot fail", e);
        }
    }

    /** Kills and reaps a child the reaper does not watch (so it cannot stay a zombie). */
    private void discard(int pid, int pidfd) {
        Pointer siginfo = nat.allocate(128);
        if (pidfd >= 0) {
            libc.syscall(Linux.SYS_PIDFD_SEND_SIGNAL, pidfd, Linux.SIGKILL, null, 0);
            libc.waitid(Linux.P_PIDFD, pidfd, siginfo, Linux.WEXITED);
            libc.close(pidfd);
        } else {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            libc.waitid(Linux.P_PID, pid, siginfo, Linux.WEXITED);
        }
    }

    private void closeAll(int[] report, StdioPipes pipes) {
        nat.closeQuietly(report[0]);
        nat.closeQuietly(report[1]);
        report[0] = -1;
        report[1] = -1;
        if (pipes != null) {
            pipes.close();
        }
    }

    /** Removes what a failed start created, reporting nothing more: the start failure is the news. */
    private void undo(ContainerSpec spec) {
        try {
            cgroups.remove(cgroupPath(spec));
        } catch (IOException ignored) {
            // teardown retries; the original failure is what the caller must see
        }
        try {
            OverlayRoot.unmount(spec.rootfs());
        } catch (IOException ignored) {
            // as above
        }
    }
}
