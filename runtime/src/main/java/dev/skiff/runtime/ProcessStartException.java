package dev.skiff.runtime;

/**
 * The program of a start or exec could not be started; nothing of the attempt is left behind.
 * The message is the text runc gives for the same failure (for example
 * {@code exec: "/nonexistent": stat /nonexistent: no such file or directory}), which the docker CLI
 * relies on to pick its exit status; the daemon adds dockerd's prefix ("failed to create shim task: OCI
 * runtime create failed: runc create failed: unable to start container process: ") and ": unknown".
 */
public final class ProcessStartException extends Exception {
    /** Why the start failed. */
    public enum Reason {
        /** args[0] does not exist or is not in PATH. */
        EXECUTABLE_NOT_FOUND,
        /** args[0] exists but cannot be executed (no x bit, a directory, a bad format). */
        NOT_EXECUTABLE,
        /** the working directory cannot be entered. */
        BAD_WORKING_DIRECTORY,
        /** anything else: a mount, credential, cgroup or kernel failure. */
        SYSTEM
    }

    private final Reason reason;
    private final int exitCode;

    public ProcessStartException(Reason reason, int exitCode, String message) {
        this(reason, exitCode, message, null);
    }

    public ProcessStartException(Reason reason, int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.exitCode = exitCode;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The exit code dockerd records for a container (or exec) whose start failed this way:
     * 127 for "not found", 126 for "permission denied", 128 otherwise.
     */
    public int exitCode() {
        return exitCode;
    }
}
