package dev.skiff.runtime;

import java.io.IOException;

/**
 * Runs containers on this host. One instance per daemon: creating it loads the native bindings,
 * starts the JDK and jnr-ffi helper threads that must not be born later on a namespace thread,
 * installs the static init program into the exec root and starts the reaper thread.
 * Thread-safe; {@link #close()} at daemon shutdown (running containers keep running).
 */
public interface ContainerRuntime extends AutoCloseable {

    /**
     * Mounts the container's root (overlay of lowerDirs + upper/work at {@code spec.rootfs()} in the host
     * mount namespace), creates and limits its cgroup, creates fresh mount, UTS, IPC, network and PID
     * namespaces and starts {@code spec.process()} as PID 1. Returns once the program itself has been
     * exec'd (a failure before that is thrown, with everything undone).
     *
     * <p>The network namespace has only {@code lo} (up); the daemon adds interfaces through
     * {@code /proc/<pid>/ns/net}.
     *
     * @throws ProcessStartException the program could not be started (typed, runc's message text)
     */
    Container start(ContainerSpec spec) throws ProcessStartException;

    /**
     * Removes everything {@link #start} created for this container: kills any process still in its cgroup,
     * unmounts the rootfs, removes the rootfs mount point and the cgroup. Idempotent; safe for a container
     * this daemon never started (leftovers of a crashed daemon). Does not touch upper/work dirs.
     */
    void teardown(ContainerSpec spec) throws IOException;

    /** Stops the reaper. Exit futures of processes still running never complete afterwards. */
    @Override
    void close();
}
