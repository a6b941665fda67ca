package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;

import java.io.IOException;

/** {@code skiff rm [-f] [-v] CONTAINER...}; with -f a missing container is reported but not a failure. */
public final class RmCommand implements Command {
    private static final Flag FORCE = Flag.bool("force", 'f', "Force the removal of a running container (uses SIGKILL)");
    private static final Flag VOLUMES = Flag.bool("volumes", 'v', "Remove anonymous volumes associated with the container");
    private static final CommandSpec SPEC = CommandSpec.of("rm", "[OPTIONS] CONTAINER [CONTAINER...]",
            "Remove one or more containers", 1, CommandSpec.UNBOUNDED, FORCE, VOLUMES);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException {
        boolean force = args.isSet(FORCE.name());
        boolean volumes = args.isSet(VOLUMES.name());
        return EachTarget.run(args.positionals(), ctx, force, name -> {
            ctx.engine().removeContainer(name, force, volumes);
            ctx.out().println(name);
        }).isEmpty() ? 0 : 1;
    }
}
