package dev.skiff.cli.args;

/** The command line does not fit the command's flags or argument count. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
