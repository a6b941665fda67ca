package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.format.ImageReference;

import java.io.IOException;

/**
 * {@code skiff tag SOURCE TARGET}: the source goes to the daemon as typed, the target as a
 * normalized repository ({@code docker.io/me/app}) and a tag ({@code latest} when none is given).
 */
public final class TagCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.of("tag", "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
            "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", 2, 2);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, DaemonErrorException {
        String source = args.positionals().get(0);
        String target = args.positionals().get(1);
        ctx.engine().apiVersion(); // the docker CLI checks the target only after its ping
        ImageReference ref;
        try {
            ref = ImageReference.parseNormalized(target);
        } catch (IllegalArgumentException e) {
            ctx.err().println("Error parsing reference: \"" + target + "\" is not a valid repository/tag: "
                    + e.getMessage());
            return 1;
        }
        if (ref.digest() != null) {
            ctx.err().println("Error response from daemon: refusing to create a tag with a digest reference");
            return 1;
        }
        ImageReference tagged = ref.withDefaultTag();
        ctx.engine().tagImage(source, tagged.name(), tagged.tag());
        return 0;
    }
}
