package dev.skiff.cli.command;

import dev.skiff.cli.args.ArgParser;
import dev.skiff.cli.args.Flag;

import java.util.List;

/**
 * What a command accepts: name ("ps", "image inspect"), usage line, flags and the number of
 * positional arguments. {@code interspersed} false stops flag parsing at the first positional
 * argument (run/create pass the rest to the container).
 */
public record CommandSpec(String name, String arguments, String description, List<Flag> flags,
                          int minArgs, int maxArgs, boolean interspersed) {
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public static CommandSpec of(String name, String arguments, String description, int minArgs, int maxArgs,
                                 Flag... flags) {
        return new CommandSpec(name, arguments, description, List.of(flags), minArgs, maxArgs, true);
    }

    public CommandSpec notInterspersed() {
        return new CommandSpec(name, arguments, description, flags, minArgs, maxArgs, false);
    }

    public ArgParser parser() {
        return new ArgParser(flags, interspersed);
    }

    public String usageLine() {
        return "skiff " + name + (arguments.isEmpty() ? "" : " " + arguments);
    }

    /** Cobra's wording for a wrong number of arguments. */
    public String argumentCountProblem(int given) {
        String quoted = "\"skiff " + name + "\"";
        if (maxArgs == 0 && given > 0) {
            return quoted + " accepts no arguments.";
        }
        if (minArgs == maxArgs && given != minArgs) {
            return quoted + " requires exactly " + plural(minArgs) + ".";
        }
        if (given < minArgs) {
            return quoted + " requires at least " + plural(minArgs) + ".";
        }
        if (given > maxArgs) {
            return quoted + " requires at most " + plural(maxArgs) + ".";
        }
        return null;
    }

    private static String plural(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }

    public String help() {
        StringBuilder out = new StringBuilder();
        out.append("\nUsage:  ").append(usageLine()).append("\n\n").append(description).append('\n');
        if (!flags.isEmpty()) {
            out.append("\nOptions:\n").append(parser().describe());
        }
        return out.toString();
    }
}
