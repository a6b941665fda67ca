package dev.skiff.runtime.spawn;

import dev.skiff.runtime.cgroup.ContainerCgroup;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.Native;
import dev.skiff.runtime.process.ThreadCredentials;

import java.io.IOException;

/**
 * The part of an exec that runs on its own short-lived thread: own fs_struct, the container's cgroup,
 * setns into its namespaces, the container user's credentials, posix_spawn.
 *
 * <p>Once the thread has entered the container's mount namespace its root is the container's, and class
 * loading from this thread would fail: past that point it only makes native calls with prepared
 * arguments and records (step, errno); the caller builds any exception.
 */
final class ExecTask implements Runnable {
    /**
     * The namespaces an exec joins, in order (mnt last: it changes the root). On cgroup v1 the
     * container's cgroup namespace is the host's, and joining it changes nothing.
     */
    static final String[] NAMESPACES = {"ipc", "uts", "net", "pid", "cgroup", "mnt"};
    private static final int[] NAMESPACE_TYPES = {Linux.CLONE_NEWIPC, Linux.CLONE_NEWUTS, Linux.CLONE_NEWNET,
            Linux.CLONE_NEWPID, Linux.CLONE_NEWCGROUP, Linux.CLONE_NEWNS};

    enum Step {
        UNSHARE_FS, CGROUP, SETNS_IPC, SETNS_UTS, SETNS_NET, SETNS_PID, SETNS_CGROUP, SETNS_MNT, CREDENTIALS, SPAWN, PIDFD
    }

    /** Loads Step with this class, on the caller's thread (see the class comment). */
    private static final Step[] STEPS = Step.values();

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final ContainerCgroup cgroup;
    private final int[] namespaceFds;
    private final ThreadCredentials credentials;
    private final SpawnPlan plan;

    /** This thread's id, published for the cgroup v2 gate (which looks up the parked child by it). */
    volatile int tid;

    // results, read by the caller after join()
    int pid = -1;
    int pidfd = -1;
    Step failedStep;
    int errno;
    IOException cgroupFailure;

    ExecTask(ContainerCgroup cgroup, int[] namespaceFds, ThreadCredentials credentials, SpawnPlan plan) {
        this.cgroup = cgroup;
        this.namespaceFds = namespaceFds;
        this.credentials = credentials;
        this.plan = plan;
    }

    @Override
    public void run() {
        tid = nat.gettid();
        if (libc.unshare(Linux.CLONE_FS) < 0) {
            fail(Step.UNSHARE_FS, nat.errno());
            return;
        }
        if (cgroup.placesThreads()) {
            try {
                cgroup.placeCurrentThread();
            } catch (IOException e) {
                cgroupFailure = e;
                failedStep = Step.CGROUP;
                return;
            }
        }
        for (int i = 0; i < namespaceFds.length; i++) {
            if (libc.setns(namespaceFds[i], NAMESPACE_TYPES[i]) < 0) {
                fail(STEPS[Step.SETNS_IPC.ordinal() + i], nat.errno());
                return;
            }
        }
        libc.umask(022);
        int credentialsErrno = credentials.apply();
        if (credentialsErrno != 0) {
            fail(Step.CREDENTIALS, credentialsErrno);
            return;
        }
        int spawned = plan.spawn();
        if (spawned < 0) {
            fail(Step.SPAWN, -spawned);
            return;
        }
        pid = spawned;
        pidfd = (int) libc.syscall(Linux.SYS_PIDFD_OPEN, pid, 0);
        if (pidfd < 0) {
            fail(Step.PIDFD, nat.errno());
        }
    }

    private void fail(Step step, int errno) {
        this.failedStep = step;
        this.errno = errno;
    }
}
