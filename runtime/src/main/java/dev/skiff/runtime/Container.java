package dev.skiff.runtime;

import java.io.IOException;

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

    /** Freezes every process of the container (cgroup freezer); returns once they are frozen. */
    void pause() throws IOException;

    /** Thaws the container. */
    void unpause() throws IOException;
}
