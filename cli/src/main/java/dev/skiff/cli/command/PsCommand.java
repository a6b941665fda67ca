package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.Filters;
import dev.skiff.cli.engine.model.ContainerSummary;
import dev.skiff.cli.format.GoStrings;
import dev.skiff.api.units.HumanUnits;
import dev.skiff.cli.format.PortsDisplay;
import dev.skiff.cli.format.TabWriter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code skiff ps [-a] [-q] [--no-trunc] [-f FILTER]}. */
public final class PsCommand implements Command {
    private static final Flag ALL = Flag.bool("all", 'a', "Show all containers (default shows just running)");
    private static final Flag QUIET = Flag.bool("quiet", 'q', "Only display container IDs");
    private static final Flag NO_TRUNC = Flag.bool("no-trunc", (char) 0, "Don't truncate output");
    private static final CommandSpec SPEC = CommandSpec.of("ps", "[OPTIONS]", "List containers", 0, 0,
            ALL, QUIET, NO_TRUNC, FilterFlag.FLAG);
    private static final int COMMAND_WIDTH = 20;

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, DaemonErrorException, UsageException {
        Filters filters = FilterFlag.parse(args);
        List<ContainerSummary> containers = ctx.engine().containers(args.isSet(ALL.name()), filters);
        boolean trunc = !args.isSet(NO_TRUNC.name());
        if (args.isSet(QUIET.name())) {
            containers.forEach(c -> ctx.out().println(trunc ? GoStrings.shortId(c.id()) : c.id()));
            return 0;
        }
        ctx.out().print(table(containers, trunc, ctx.now()));
        return 0;
    }

    static String table(List<ContainerSummary> containers, boolean trunc, Instant now) {
        TabWriter table = TabWriter.dockerTable()
                .row("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        for (ContainerSummary c : containers) {
            Duration age = Duration.between(Instant.ofEpochSecond(c.created()), now);
            table.row(trunc ? GoStrings.shortId(c.id()) : c.id(),
                    image(c.image(), trunc),
                    GoStrings.quote(trunc ? GoStrings.ellipsis(c.command(), COMMAND_WIDTH) : c.command()),
                    HumanUnits.duration(age) + " ago",
                    c.status(),
                    PortsDisplay.format(c.ports()),
                    names(c.names(), trunc));
        }
        return table.render();
    }

    private static String image(String image, boolean trunc) {
        if (image.isEmpty()) {
            return "<no image>";
        }
        return trunc && image.startsWith("sha256:") ? GoStrings.shortId(image) : image;
    }

    /** Names without their leading '/'; truncated output shows only the first name that is not a link. */
    static String names(List<String> names, boolean trunc) {
        List<String> plain = names.stream().map(n -> n.startsWith("/") ? n.substring(1) : n).toList();
        if (trunc) {
            return plain.stream().filter(n -> !n.contains("/")).findFirst().orElse(String.join(",", plain));
        }
        return String.join(",", plain);
    }
}
