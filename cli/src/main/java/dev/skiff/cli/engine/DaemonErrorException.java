package dev.skiff.cli.engine;

/** The daemon answered with an error status; {@link #getMessage()} is its message text. */
public final class DaemonErrorException extends Exception {
    private final int status;

    public DaemonErrorException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
