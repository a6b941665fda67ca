package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.StreamErrorException;

import java.io.IOException;

/** {@code skiff create [OPTIONS] IMAGE [COMMAND] [ARG...]}: prints the new container's ID. */
public final class CreateCommand implements Command {
    private static final CommandSpec SPEC = new CommandSpec("create", "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create a new container", ContainerOptions.createFlags(), 1, CommandSpec.UNBOUNDED, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, DaemonErrorException, UsageException {
        ContainerOptions options = ContainerOptions.from(args, ctx.env());
        boolean autoRemoveByDaemon = ctx.engine().apiVersion().atLeast(1, 25);
        try {
            ctx.out().println(ContainerCreator.create(ctx, options, autoRemoveByDaemon).id());
        } catch (StreamErrorException e) {
            ctx.err().println(e.getMessage());
            return 1;
        }
        return 0;
    }
}
