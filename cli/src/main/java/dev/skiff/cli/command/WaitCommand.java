package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.PendingWait;

import java.io.IOException;

/** {@code skiff wait CONTAINER...}: prints each exit code; the command itself exits 0. */
public final class WaitCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.of("wait", "CONTAINER [CONTAINER...]",
            "Block until one or more containers stop, then print their exit codes", 1, CommandSpec.UNBOUNDED);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException {
        return EachTarget.run(args.positionals(), ctx, false, name -> {
            try (PendingWait wait = ctx.engine().waitContainer(name, null)) {
                ctx.out().println(wait.await().statusCode());
            }
        }).isEmpty() ? 0 : 1;
    }
}
