package dev.skiff.cli.command;

import dev.skiff.cli.args.Flag;
import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
import dev.skiff.cli.engine.Filters;

/** The {@code -f, --filter key=value} option shared by the listing commands. */
final class FilterFlag {
    static final Flag FLAG = Flag.list("filter", 'f', "filter", "Filter output based on conditions provided");

    private FilterFlag() {
    }

    static Filters parse(ParsedArgs args) throws UsageException {
        Filters filters = new Filters();
        for (String argument : args.values(FLAG.name())) {
            try {
                filters.addArgument(argument);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid argument \"" + argument + "\" for \"-f, --filter\" flag: "
                        + e.getMessage());
            }
        }
        return filters;
    }
}
