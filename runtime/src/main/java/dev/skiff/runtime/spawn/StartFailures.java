package dev.skiff.runtime.spawn;

import dev.skiff.runtime.ProcessStartException;
import dev.skiff.runtime.ProcessStartException.Reason;
import dev.skiff.runtime.linux.Errno;

/** Turns what went wrong during a start into the typed exception with runc's message. */
public final class StartFailures {
    private StartFailures() {
    }

    /** The exit code dockerd records for a start failure with this message. */
    public static int exitCode(String message) {
        if (message.contains("executable file not found") || message.contains(Errno.text(Errno.ENOENT))
                || message.contains(Errno.text(Errno.ENOTDIR))) {
            return 127;
        }
        return message.contains(Errno.text(Errno.EACCES)) ? 126 : 128;
    }

    public static ProcessStartException of(Reason reason, String message) {
        return new ProcessStartException(reason, exitCode(message), message);
    }

    public static ProcessStartException system(String message, Throwable cause) {
        return new ProcessStartException(Reason.SYSTEM, exitCode(message), message, cause);
    }

    /** Why an execve failed: the file is missing, cannot be run, or the system is the problem (EAGAIN...). */
    public static Reason execReason(int errno) {
        return switch (errno) {
            case Errno.ENOENT, Errno.ENOTDIR -> Reason.EXECUTABLE_NOT_FOUND;
            case Errno.EACCES, Errno.ENOEXEC, Errno.EISDIR, Errno.ETXTBSY, Errno.ELOOP -> Reason.NOT_EXECUTABLE;
            default -> Reason.SYSTEM;
        };
    }

    /** A failure the init program reported from inside the container. */
    public static ProcessStartException fromInit(InitStage stage, int errno, String cwd, String path) {
        String error = Errno.text(errno);
        return switch (stage) {
            case MOUNT_PROC -> of(Reason.SYSTEM, "error mounting \"proc\" to rootfs at \"/proc\": " + error);
            case PIVOT_ROOT -> of(Reason.SYSTEM, "pivot_root: " + error);
            case MAKE_CWD -> of(Reason.BAD_WORKING_DIRECTORY, "mkdir " + cwd + ": " + error);
            case CHDIR_CWD -> of(Reason.BAD_WORKING_DIRECTORY,
                    "chdir to cwd (\"" + cwd + "\") set in config.json failed: " + error);
            case CGROUP -> of(Reason.SYSTEM, "joining the container's cgroup: " + error);
            case CAPABILITIES -> of(Reason.SYSTEM, "setting capabilities: " + error);
            case CREDENTIALS -> of(Reason.SYSTEM, "setting user and groups: " + error);
            case MASK_PATHS -> of(Reason.SYSTEM, "masking kernel paths: " + error);
            case EXEC -> of(execReason(errno), "exec " + path + ": " + error);
        };
    }
}
