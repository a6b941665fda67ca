package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;

import java.io.IOException;

/** {@code skiff stop [-t N] CONTAINER...}. */
public final class StopCommand implements Command {
    private static final Flag TIMEOUT = Flag.value("timeout", 't', "int", "Seconds to wait for stop before killing it");
    private static final CommandSpec SPEC = CommandSpec.of("stop", "[OPTIONS] CONTAINER [CONTAINER...]",
            "Stop one or more running containers", 1, CommandSpec.UNBOUNDED, TIMEOUT);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, UsageException {
        Integer timeout = args.intValue(TIMEOUT.name(), TIMEOUT);
        return EachTarget.run(args.positionals(), ctx, false, name -> {
            ctx.engine().stopContainer(name, timeout);
            ctx.out().println(name);
        }).isEmpty() ? 0 : 1;
    }
}
