package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.model.ImageDeleteItem;

import java.io.IOException;

/** {@code skiff rmi [-f] IMAGE...}: prints the Untagged/Deleted lines of each removal. */
public final class RmiCommand implements Command {
    private static final Flag FORCE = Flag.bool("force", 'f', "Force removal of the image");
    private static final CommandSpec SPEC = CommandSpec.of("rmi", "[OPTIONS] IMAGE [IMAGE...]",
            "Remove one or more images", 1, CommandSpec.UNBOUNDED, FORCE);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException {
        boolean force = args.isSet(FORCE.name());
        return EachTarget.run(args.positionals(), ctx, force, name -> {
            for (ImageDeleteItem item : ctx.engine().removeImage(name, force)) {
                if (item.untagged() != null && !item.untagged().isEmpty()) {
                    ctx.out().println("Untagged: " + item.untagged());
                }
                if (item.deleted() != null && !item.deleted().isEmpty()) {
                    ctx.out().println("Deleted: " + item.deleted());
                }
            }
        }).isEmpty() ? 0 : 1;
    }
}
