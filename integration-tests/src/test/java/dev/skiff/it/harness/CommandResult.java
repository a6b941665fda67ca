package dev.skiff.it.harness;

import java.util.List;

/** What an external command did: its exit status and everything it printed. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** Returns this result, or fails the test with the full output if the command did not exit 0. */
    public CommandResult assertSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(describe("exited " + exitCode));
        }
        return this;
    }

    /** Returns this result, or fails the test with the full output unless the command exited with {@code expected}. */
    public CommandResult assertExitCode(int expected) {
        if (exitCode != expected) {
            throw new AssertionError(describe("exited " + exitCode + ", expected " + expected));
        }
        return this;
    }

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    public String describe(String what) {
        return String.join(" ", command) + " " + what
                + "\n--- stdout ---\n" + stdout
                + "\n--- stderr ---\n" + stderr;
    }
}
