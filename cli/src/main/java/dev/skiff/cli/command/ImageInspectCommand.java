package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code skiff image inspect IMAGE...}. */
public final class ImageInspectCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.of("image inspect", "IMAGE [IMAGE...]",
            "Display detailed information on one or more images", 1, CommandSpec.UNBOUNDED);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException {
        List<byte[]> found = new ArrayList<>();
        List<String> failed = EachTarget.run(args.positionals(), ctx, false,
                name -> found.add(ctx.engine().inspectImage(name)));
        Inspection.print(found, ctx.out());
        return failed.isEmpty() ? 0 : 1;
    }
}
