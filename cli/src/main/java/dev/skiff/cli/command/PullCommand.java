package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.StreamErrorException;
import dev.skiff.cli.format.ImageReference;

import java.io.IOException;

/**
 * {@code skiff pull [-q] NAME[:TAG|@DIGEST]}: progress lines as a pipe shows them, then the fully
 * qualified reference. An error inside the progress stream is printed as its bare message.
 */
public final class PullCommand implements Command {
    private static final Flag QUIET = Flag.bool("quiet", 'q', "Suppress verbose output");
    private static final CommandSpec SPEC = CommandSpec.of("pull", "[OPTIONS] NAME[:TAG|@DIGEST]",
            "Download an image from a registry", 1, 1, QUIET);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, DaemonErrorException {
        String typed = args.positionals().get(0);
        ImageReference ref;
        try {
            ref = ImageReference.parseNormalized(typed);
        } catch (IllegalArgumentException e) {
            ctx.err().println(e.getMessage());
            return 1;
        }
        boolean quiet = args.isSet(QUIET.name());
        if (ref.tag() == null && ref.digest() == null) {
            ref = ref.withDefaultTag();
            if (!quiet) {
                ctx.out().println("Using default tag: " + ImageReference.DEFAULT_TAG);
            }
        }
        try {
            ImagePuller.pull(ctx.engine(), ref, quiet ? null : ctx.out());
        } catch (StreamErrorException e) {
            ctx.err().println(e.getMessage());
            return 1;
        }
        ctx.out().println(ref);
        return 0;
    }
}
