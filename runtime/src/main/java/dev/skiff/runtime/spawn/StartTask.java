package dev.skiff.runtime.spawn;

import dev.skiff.runtime.ContainerSpec;
import dev.skiff.runtime.ProcessSpec;
import dev.skiff.runtime.ProcessStartException.Reason;
import dev.skiff.runtime.cgroup.ContainerCgroup;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;
import dev.skiff.runtime.namespace.Loopback;
import dev.skiff.runtime.namespace.UtsNames;
import dev.skiff.runtime.process.StdioPipes;
import dev.skiff.runtime.rootfs.ContainerMounts;
import dev.skiff.runtime.rootfs.RootedFiles;
import dev.skiff.runtime.tty.Pty;
import dev.skiff.runtime.tty.PtyOpener;

import java.nio.file.Path;

/**
 * The part of a container start that runs on its own short-lived platform thread, because namespaces
 * belong to the thread that unshares them: cgroup placement, fresh mount/UTS/IPC/network namespaces,
 * the container's mounts, its terminal, then a fresh PID namespace and the spawn of skiff-init as PID 1.
 *
 * <p>Everything that allocates native memory or could start a JVM thread is prepared by the constructor
 * on the caller's thread: once CLONE_NEWPID is pending, this thread cannot create threads at all.
 */
final class StartTask implements Runnable {
    /** The fd on which skiff-init reports a failure. */
    static final int REPORT_FD = 3;

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final ContainerSpec spec;
    private final ProcessSpec process;
    private final ContainerCgroup cgroup;
    private final UtsNames uts;
    private final ContainerMounts mounts = new ContainerMounts();
    private final Loopback loopback = new Loopback();
    private final PtyOpener ptyOpener;
    private final SpawnPlan plan;
    private final StdioPipes pipes;
    private final int reportWrite;
    private final int initFd;

    // results, read by the caller after join()
    int pid = -1;
    int pidfd = -1;
    Pty pty;
    Throwable failure;

    StartTask(ContainerSpec spec, ContainerCgroup cgroup, SpawnPlan plan, StdioPipes pipes, int reportWrite,
              int initFd) {
        this.spec = spec;
        this.process = spec.process();
        this.cgroup = cgroup;
        this.uts = new UtsNames(spec.hostname(), spec.domainname());
        this.ptyOpener = process.tty() ? new PtyOpener() : null;
        this.plan = plan;
        this.pipes = pipes;
        this.reportWrite = reportWrite;
        this.initFd = initFd;
    }

    @Override
    public void run() {
        int rootFd = -1;
        int networkFd = -1;
        try {
            if (cgroup.placesThreads()) {
                cgroup.placeCurrentThread();
            }
            Path joined = spec.networkNamespace();
            if (joined != null) {
                // opened before the mount namespace changes, where the path means what the daemon meant
                networkFd = nat.check(libc.openat(Linux.AT_FDCWD, joined.toString(), Linux.O_RDONLY | Linux.O_CLOEXEC, 0),
                        "open " + joined);
            }
            nat.check(libc.unshare(Linux.CLONE_NEWNS | Linux.CLONE_NEWUTS | Linux.CLONE_NEWIPC
                    | (joined == null ? Linux.CLONE_NEWNET : 0)), "unshare");
            if (joined != null) {
                nat.check(libc.setns(networkFd, Linux.CLONE_NEWNET), "join the network namespace " + joined);
            }
            uts.apply();
            nat.check(libc.mount(null, "/", null, Linux.MS_REC | Linux.MS_PRIVATE, null),
                    "make the container's mounts private");
            String rootfs = spec.rootfs().toString();
            rootFd = nat.check(libc.openat(Linux.AT_FDCWD, rootfs, Linux.O_PATH | Linux.O_DIRECTORY
                    | Linux.O_CLOEXEC, 0), "open " + rootfs);
            mounts.setUp(rootFd, spec.mounts(), cgroup.containerView());
            if (joined == null) {
                loopback.up();
            }
            RootedFiles files = mounts.files();
            String program = ExecutableLookup.resolve(process.args().get(0), process.env(), process.cwd(),
                    files::statMode);
            if (!plan.setLateArgument(program)) {
                throw StartFailures.of(Reason.SYSTEM,
                        "exec: \"" + process.args().get(0) + "\": file name too long");
            }
            addStdio(rootfs, files);
            nat.check(libc.unshare(Linux.CLONE_NEWPID), "unshare pid namespace");
            int spawned = plan.spawn();
            if (spawned < 0) {
                throw new LinuxException("spawn skiff-init", -spawned);
            }
            pid = spawned;
            pidfd = nat.check((int) libc.syscall(Linux.SYS_PIDFD_OPEN, pid, 0), "pidfd_open");
        } catch (Throwable t) {
            failure = t;
        } finally {
            nat.closeQuietly(rootFd);
            nat.closeQuietly(networkFd);
        }
    }

    /** fds 0-2 (the terminal or the pipes), the report fd, the init program, nothing else of the daemon's. */
    private void addStdio(String rootfs, RootedFiles files) throws LinuxException {
        if (process.tty()) {
            pty = ptyOpener.open(files, process.consoleSize());
            mounts.bindConsole(rootfs + pty.slavePath());
            // opening the slave by path after setsid makes it the controlling terminal
            fileAction(plan.open(0, rootfs + pty.slavePath(), Linux.O_RDWR));
            fileAction(plan.dup2(0, 1));
            fileAction(plan.dup2(0, 2));
        } else {
            if (pipes.childStdin() >= 0) {
                fileAction(plan.dup2(pipes.childStdin(), 0));
            } else {
                fileAction(plan.open(0, "/dev/null", Linux.O_RDONLY));
            }
            fileAction(plan.dup2(pipes.childStdout(), 1));
            fileAction(plan.dup2(pipes.childStderr(), 2));
        }
        fileAction(plan.dup2(reportWrite, REPORT_FD));
        fileAction(plan.dup2(initFd, InitBinary.CHILD_FD));
        fileAction(plan.closeFrom(InitBinary.CHILD_FD + 1));
    }

    private static void fileAction(int errno) throws LinuxException {
        if (errno != 0) {
            throw new LinuxException("posix_spawn file action", errno);
        }
    }
}
