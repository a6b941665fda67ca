package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;

import java.io.IOException;

/** {@code skiff kill [-s SIGNAL] CONTAINER...}; the signal goes to the daemon as typed. */
public final class KillCommand implements Command {
    private static final Flag SIGNAL = Flag.value("signal", 's', "string", "Signal to send to the container");
    private static final CommandSpec SPEC = CommandSpec.of("kill", "[OPTIONS] CONTAINER [CONTAINER...]",
            "Kill one or more running containers", 1, CommandSpec.UNBOUNDED, SIGNAL);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException {
        String signal = args.value(SIGNAL.name(), null);
        return EachTarget.run(args.positionals(), ctx, false, name -> {
            ctx.engine().killContainer(name, signal);
            ctx.out().println(name);
        }).isEmpty() ? 0 : 1;
    }
}
