package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.StreamErrorException;

import java.io.IOException;

/**
 * One CLI command. Daemon errors that end the command are thrown and reported in one place
 * ({@code Error response from daemon: ...}, exit 1); commands that carry on past an error, or
 * exit with another status, handle it themselves.
 */
public interface Command {
    CommandSpec spec();

    /** @return the process exit status */
    int execute(ParsedArgs args, CliContext ctx)
            throws IOException, DaemonErrorException, StreamErrorException, UsageException;
}
