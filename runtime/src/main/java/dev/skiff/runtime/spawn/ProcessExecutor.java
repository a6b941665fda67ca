package dev.skiff.runtime.spawn;

import dev.skiff.runtime.ProcessSpec;
import dev.skiff.runtime.ProcessStartException;
import dev.skiff.runtime.ProcessStartException.Reason;
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
import dev.skiff.runtime.process.ThreadCredentials;
import dev.skiff.runtime.rootfs.RootedFiles;
import dev.skiff.runtime.tty.Pty;
import dev.skiff.runtime.tty.PtyOpener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Starts a process inside a running container. Everything that reads the container's files (program
 * lookup, working directory check, its devpts) goes through /proc/<pid>/root from the calling thread;
 * only the namespace switch and the spawn run on a fresh thread ({@link ExecTask}).
 */
public final class ProcessExecutor {
    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final Reaper reaper;
    private final Path gateDir;

    /**
     * @param gateDir where the FIFOs of cgroup v2 spawn gates are created (and at once unlinked)
     */
    public ProcessExecutor(Reaper reaper, Path gateDir) {
        this.reaper = reaper;
        this.gateDir = gateDir;
    }

    /**
     * @param init the container's first process, which must be running (its namespaces are joined)
     */
    public ChildProcess exec(ChildProcess init, ContainerCgroup cgroup, ProcessSpec process)
            throws ProcessStartException {
        int[] nsFds = new int[ExecTask.NAMESPACES.length];
        Arrays.fill(nsFds, -1);
        int rootFd = -1;
        Pty pty = null;
        StdioPipes pipes = null;
        SpawnGate gate = null;
        try {
            String proc = "/proc/" + init.pid() + "/";
            for (int i = 0; i < nsFds.length; i++) {
                nsFds[i] = openOrNotRunning(proc + "ns/" + ExecTask.NAMESPACES[i], Linux.O_RDONLY);
            }
            rootFd = openOrNotRunning(proc + "root", Linux.O_PATH | Linux.O_DIRECTORY);
            if (!init.isAlive()) { // the pid was recycled between the exit and the opens above
                throw new IllegalStateException("container process " + init.pid() + " is not running");
            }
            RootedFiles files = new RootedFiles();
            files.setRoot(rootFd);
            String program = ExecutableLookup.resolve(process.args().get(0), process.env(), process.cwd(),
                    files::statMode);
            checkWorkingDirectory(files, process.cwd());
            try (SpawnPlan plan = new SpawnPlan(program, process.args(), process.env())) {
                if (!cgroup.placesThreads()) {
                    gate = new SpawnGate(gateDir);
                    fileAction(plan.open(0, gate.childPath(), Linux.O_RDONLY));
                }
                if (process.tty()) {
                    pty = new PtyOpener().open(files, process.consoleSize());
                    fileAction(plan.open(0, pty.slavePath(), Linux.O_RDWR));
                    fileAction(plan.dup2(0, 1));
                    fileAction(plan.dup2(0, 2));
                } else {
                    pipes = new StdioPipes(process.openStdin());
                    fileAction(pipes.childStdin() >= 0 ? plan.dup2(pipes.childStdin(), 0)
                            : plan.open(0, "/dev/null", Linux.O_RDONLY));
                    fileAction(plan.dup2(pipes.childStdout(), 1));
                    fileAction(plan.dup2(pipes.childStderr(), 2));
                }
                fileAction(plan.closeFrom(3));
                fileAction(plan.chdir(process.cwd()));
                ThreadCredentials credentials = new ThreadCredentials(process.uid(), process.gid(),
                        process.additionalGids(), Capabilities.containerDefault(cgroup.controlsDevices()));
                ExecTask task = new ExecTask(cgroup, nsFds, credentials, plan);
                run(task, gate, cgroup, init.pid(), program);
                ParentStdio stdio = pipes != null ? pipes.handOver()
                        : new ParentStdio(pty.output(), pty.input(), null, pty);
                pty = null;
                pipes = null;
                ChildProcess child = new ChildProcess(task.pid, task.pidfd, stdio);
                child.watch(reaper);
                return child;
            }
        } catch (IOException e) {
            throw StartFailures.system(e.getMessage(), e);
        } finally {
            if (gate != null) {
                gate.close();
            }
            for (int fd : nsFds) {
                nat.closeQuietly(fd);
            }
            nat.closeQuietly(rootFd);
            if (pty != null) {
                pty.closeUnused();
            }
            if (pipes != null) {
                pipes.close();
            }
        }
    }

    /** The exec's cwd must exist: unlike a container start, an exec does not create it. */
    private static void checkWorkingDirectory(RootedFiles files, String cwd) throws ProcessStartException {
        int mode = files.statMode(cwd);
        if (mode < 0 || (mode & Linux.S_IFMT) != Linux.S_IFDIR) {
            int errno = mode < 0 ? -mode : Errno.ENOTDIR;
            throw StartFailures.of(Reason.BAD_WORKING_DIRECTORY,
                    "chdir to cwd (\"" + cwd + "\") set in config.json failed: " + Errno.text(errno));
        }
    }

    /** Runs the task on its thread (releasing it through the gate on cgroup v2) and checks the outcome. */
    private void run(ExecTask task, SpawnGate gate, ContainerCgroup cgroup, int initPid, String program)
            throws ProcessStartException, IOException {
        Thread thread = NamespaceThread.start(task, "skiff-exec-" + initPid);
        IOException placement = gate == null ? null : placeParkedChild(gate, thread, task, cgroup);
        NamespaceThread.join(thread);
        if (placement != null && task.failedStep == null) {
            // it would run outside the container's cgroup: it must not run at all
            ChildProcess escaped = new ChildProcess(task.pid, task.pidfd, closedStdio());
            escaped.kill(Linux.SIGKILL);
            escaped.watch(reaper);
            throw StartFailures.system("joining the container's cgroup: " + placement.getMessage(), placement);
        }
        if (task.failedStep == ExecTask.Step.SPAWN && task.errno == Errno.ENOMEM) {
            // fork into a PID namespace whose init has died
            throw new IllegalStateException("container process " + initPid + " is not running");
        }
        if (task.failedStep != null) {
            throw failure(task, program);
        }
    }

    /** Moves the child parked at the gate into the cgroup and releases it; returns the placement failure. */
    private static IOException placeParkedChild(SpawnGate gate, Thread spawner, ExecTask task, ContainerCgroup cgroup)
            throws LinuxException {
        IOException failure = null;
        try {
            int child = SpawnGate.awaitParkedChild(spawner, task);
            if (child > 0) {
                cgroup.placeProcess(child);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            gate.release(spawner);
        }
        return failure;
    }

    private ParentStdio closedStdio() {
        return new ParentStdio(null, InputStream.nullInputStream(), null, null);
    }

    private int openOrNotRunning(String path, int flags) {
        int fd = libc.openat(Linux.AT_FDCWD, path, flags | Linux.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IllegalStateException("container process is not running (" + path + ": "
                    + Errno.text(nat.errno()) + ")");
        }
        return fd;
    }

    private static void fileAction(int errno) throws LinuxException {
        if (errno != 0) {
            throw new LinuxException("posix_spawn file action", errno);
        }
    }

    private static ProcessStartException failure(ExecTask task, String program) {
        if (task.failedStep == ExecTask.Step.CGROUP) {
            return StartFailures.system("joining the container's cgroup: " + task.cgroupFailure.getMessage(),
                    task.cgroupFailure);
        }
        if (task.failedStep == ExecTask.Step.SPAWN) {
            return StartFailures.of(StartFailures.execReason(task.errno), "exec " + program + ": " + Errno.text(task.errno));
        }
        return StartFailures.of(Reason.SYSTEM, task.failedStep.name().toLowerCase(Locale.ROOT)
                .replace('_', ' ') + ": " + Errno.text(task.errno));
    }
}
