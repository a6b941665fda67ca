package dev.skiff.runtime;

/**
 * How a process ended, as waitid reported it.
 *
 * @param code   the exit code (0-255) when the process exited, otherwise 0
 * @param signal the terminating signal when it was killed, otherwise 0
 */
public record ExitStatus(int code, int signal) {
    public static ExitStatus exited(int code) {
        return new ExitStatus(code & 0xff, 0);
    }

    public static ExitStatus killed(int signal) {
        return new ExitStatus(0, signal);
    }

    /** The shell-style status the Engine API reports: the exit code, or 128 + signal. */
    public int statusCode() {
        return signal != 0 ? 128 + signal : code;
    }
}
