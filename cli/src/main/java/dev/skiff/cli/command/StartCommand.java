package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;

import java.io.IOException;
import java.util.List;

/** {@code skiff start CONTAINER...}: prints each name as typed; an already running one counts as started. */
public final class StartCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.of("start", "CONTAINER [CONTAINER...]",
            "Start one or more stopped containers", 1, CommandSpec.UNBOUNDED);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException {
        List<String> failed = EachTarget.run(args.positionals(), ctx, false, name -> {
            ctx.engine().startContainer(name);
            ctx.out().println(name);
        });
        if (failed.isEmpty()) {
            return 0;
        }
        ctx.err().println("Error: failed to start containers: " + String.join(", ", failed));
        return 1;
    }
}
