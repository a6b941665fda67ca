package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.Query;
import dev.skiff.cli.engine.model.ContainerDetails;
import dev.skiff.cli.stream.FrameDemuxer;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code skiff logs [-f] [-t] [--tail N] CONTAINER}. The container is inspected first: only its
 * TTY setting tells whether the log body is multiplexed frames or raw bytes.
 */
public final class LogsCommand implements Command {
    private static final Flag FOLLOW = Flag.bool("follow", 'f', "Follow log output");
    private static final Flag TIMESTAMPS = Flag.bool("timestamps", 't', "Show timestamps");
    private static final Flag TAIL = Flag.value("tail", 'n', "string",
            "Number of lines to show from the end of the logs (default \"all\")");
    private static final CommandSpec SPEC = CommandSpec.of("logs", "[OPTIONS] CONTAINER",
            "Fetch the logs of a container", 1, 1, FOLLOW, TIMESTAMPS, TAIL);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, DaemonErrorException {
        ContainerDetails container = ctx.engine().containerDetails(args.positionals().get(0));
        Query query = new Query()
                .flag("follow", args.isSet(FOLLOW.name()))
                .flag("stderr", true)
                .flag("stdout", true)
                .add("tail", args.value(TAIL.name(), "all"))
                .flag("timestamps", args.isSet(TIMESTAMPS.name()));
        try (InputStream body = ctx.engine().containerLogs(container.id(), query)) {
            if (container.tty()) {
                body.transferTo(ctx.out());
                ctx.out().flush();
            } else {
                FrameDemuxer.demux(body, ctx.out(), ctx.err());
            }
        }
        return 0;
    }
}
