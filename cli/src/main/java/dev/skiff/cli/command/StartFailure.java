package dev.skiff.cli.command;

/**
 * The exit status of {@code run} when the daemon refuses to start the process. Like the docker
 * CLI, it is read off the error text: a command that cannot be found exits 127, one that cannot
 * be executed 126, anything else 125.
 */
final class StartFailure {
    private StartFailure() {
    }

    static int exitStatus(String message) {
        if (message.contains("executable file not found") || message.contains("no such file or directory")
                || message.contains("system cannot find the file specified")) {
            return 127;
        }
        if (message.contains("permission denied") || message.contains("is a directory")) {
            return 126;
        }
        return 125;
    }
}
