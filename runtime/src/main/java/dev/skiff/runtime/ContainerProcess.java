package dev.skiff.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A running container process (the container's first process or an exec), a child of the daemon.
 *
 * <p>Ownership: the caller owns the three streams and must close each one it got (closing stdin sends
 * EOF to the program; closing stdout/stderr early makes the program's writes fail with EPIPE). The
 * runtime owns the pidfd and closes it once the process has been reaped. With a TTY, {@link #stdin()}
 * and {@link #stdout()} are both the terminal master (closing both closes the master), {@link #stderr()}
 * is null.
 */
public interface ContainerProcess {
    /** Process id in the daemon's PID namespace. */
    int pid();

    /** Writes to the program's fd 0, or null when stdin was not opened (and there is no TTY). */
    OutputStream stdin();

    /** The program's fd 1 (or the terminal output); never null. */
    InputStream stdout();

    /** The program's fd 2, or null with a TTY (the terminal carries both). */
    InputStream stderr();

    boolean hasTerminal();

    /**
     * Sets the terminal size (TIOCSWINSZ on the master; the foreground process group gets SIGWINCH).
     *
     * @throws IllegalStateException without a TTY
     */
    void resize(int rows, int cols) throws IOException;

    /**
     * Sends a signal (by pidfd, so never to a recycled pid). Does nothing once the process has been
     * reaped.
     */
    void kill(int signal) throws IOException;

    /**
     * Completes when the process has exited and been reaped, with its exit status. Completion happens on
     * the runtime's reaper thread: dependent actions must not block (use the *Async variants otherwise).
     */
    CompletableFuture<ExitStatus> exit();
}
