package dev.skiff.cli.command;

import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.StreamErrorException;
import dev.skiff.cli.engine.model.CreateResponse;
import dev.skiff.cli.format.ImageReference;

import java.io.IOException;

/**
 * Creates a container, pulling its image first when the daemon does not have it (the docker
 * CLI's default "missing" pull policy): a 404 on create, {@code Unable to find image ... locally}
 * and the pull progress on stderr, then create again.
 */
final class ContainerCreator {
    private ContainerCreator() {
    }

    static CreateResponse create(CliContext ctx, ContainerOptions options, boolean autoRemoveByDaemon)
            throws IOException, DaemonErrorException, StreamErrorException {
        CreateResponse created;
        try {
            created = ctx.engine().createContainer(options.name(), options.createBody(autoRemoveByDaemon));
        } catch (DaemonErrorException e) {
            ImageReference ref = e.isNotFound() ? parseOrNull(options.image()) : null;
            if (ref == null) {
                throw e;
            }
            ImageReference tagged = ref.withDefaultTag();
            ctx.err().println("Unable to find image '" + tagged.familiarString() + "' locally");
            ImagePuller.pull(ctx.engine(), tagged, ctx.err());
            created = ctx.engine().createContainer(options.name(), options.createBody(autoRemoveByDaemon));
        }
        created.warnings().forEach(w -> ctx.err().println("WARNING: " + w));
        return created;
    }

    private static ImageReference parseOrNull(String image) {
        try {
            return ImageReference.parseNormalized(image);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
