package dev.skiff.runtime;

import java.io.IOException;
import java.util.List;

/**
 * A started container: its first process (PID 1 inside, a child of the daemon) plus what belongs to the
 * container as a whole. The container's namespaces live as long as that process; {@link #exec} needs it
 * running.
 */
public interface Container extends ContainerProcess {
    ContainerSpec spec();

    /**
     * Starts another process in the container's namespaces and cgroup, with its own credentials, stdio
     * and optional TTY (a new pty of the container's devpts instance).
     *
     * @throws ProcessStartException when the program cannot be started (message as runc's exec failure)
     * @throws IllegalStateException when the container's first process has exited
     */
    ContainerProcess exec(ProcessSpec process) throws ProcessStartException;

    /** Host pids of every process in the container (its cgroup), for {@code docker top}. */
    List<Integer> processIds() throws IOException;

    /** A sample of the container's resource usage (cgroup, host CPU time, its network interfaces). */
    ContainerStats stats() throws IOException;

    /**
     * Applies new limits to the running container's cgroup at once (docker update). Every limit of
     * {@code resources} is written, so pass the container's complete settings, not just what changed; a
     * pids limit of 0 or -1 lifts an earlier one.
     */
    void update(Resources resources) throws IOException;

    /**
     * Whether the kernel's OOM killer has killed a process of this container (docker's State.OOMKilled).
     * Read it when the container has exited, before {@link ContainerRuntime#teardown}.
     */
    boolean oomKilled() throws IOException;

    /** Freezes every process of the container (cgroup freezer); returns once they are frozen. */
    void pause() throws IOException;

    /** Thaws the container. */
    void unpause() throws IOException;
}
