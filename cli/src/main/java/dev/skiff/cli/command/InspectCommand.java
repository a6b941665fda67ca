package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.DaemonErrorException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code skiff inspect NAME...}: each name is looked up as a container, then as an image (the
 * object types skiffd serves); a name that is neither is {@code Error: No such object}.
 */
public final class InspectCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.of("inspect", "NAME|ID [NAME|ID...]",
            "Return low-level information on containers and images", 1, CommandSpec.UNBOUNDED);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException {
        List<byte[]> found = new ArrayList<>();
        boolean failed = false;
        for (String name : args.positionals()) {
            try {
                found.add(inspectAny(ctx, name));
            } catch (DaemonErrorException e) {
                failed = true;
                if (e.isNotFound()) {
                    ctx.err().println("Error: No such object: " + name);
                } else {
                    ctx.printDaemonError(e);
                }
            }
        }
        Inspection.print(found, ctx.out());
        return failed ? 1 : 0;
    }

    private static byte[] inspectAny(CliContext ctx, String name) throws IOException, DaemonErrorException {
        try {
            return ctx.engine().inspectContainer(name);
        } catch (DaemonErrorException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            return ctx.engine().inspectImage(name);
        }
    }
}
