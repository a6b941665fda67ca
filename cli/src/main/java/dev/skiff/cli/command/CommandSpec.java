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

    /**
     * The docker CLI's report of a wrong number of arguments (exit status 1), or null when the
     * count fits. Docker points to the help with "See" for minimums and "Run" otherwise.
     */
    public String argumentCountError(int given) {
        String quoted = "'skiff " + name + "'";
        String problem;
        String verb = "Run";
        if (maxArgs == 0 && given > 0) {
            problem = quoted + " accepts no arguments";
        } else if (minArgs == maxArgs && given != minArgs) {
            problem = quoted + " requires " + plural(minArgs);
        } else if (given < minArgs) {
            problem = quoted + " requires at least " + plural(minArgs);
            verb = "See";
        } else if (given > maxArgs) {
            problem = quoted + " requires at most " + plural(maxArgs);
        } else {
            return null;
        }
        return "skiff: " + problem + "\n\nUsage:  " + usageLine() + "\n\n" + verb + " 'skiff " + name
                + " --help' for more information\n";
    }

    /** The docker CLI's report of a flag it cannot parse (exit status 125). */
    public String flagError(String message) {
        return message + "\n\nUsage:  " + usageLine() + "\n\nRun 'skiff " + name + " --help' for more information\n";
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
