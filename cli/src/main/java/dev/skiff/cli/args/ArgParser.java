package dev.skiff.cli.args;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses arguments with the conventions of the docker CLI (spf13/pflag): {@code --name value},
 * {@code --name=value}, clustered switches {@code -aq}, {@code -e K=V} or {@code -eK=V}, and
 * {@code --} to end the flags. With {@code interspersed} false (run, create) the first positional
 * argument ends flag parsing, so the container's own arguments are passed through untouched.
 */
public final class ArgParser {
    private final List<Flag> flags;
    private final boolean interspersed;

    public ArgParser(List<Flag> flags, boolean interspersed) {
        this.flags = flags;
        this.interspersed = interspersed;
    }

    public ParsedArgs parse(List<String> args) throws UsageException {
        Map<String, List<String>> seen = new HashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("--")) {
                i = parseLong(args, i, seen);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = parseShorthands(args, i, seen);
            } else if (interspersed) {
                positionals.add(arg);
            } else {
                positionals.addAll(args.subList(i, args.size()));
                break;
            }
        }
        return new ParsedArgs(seen, positionals);
    }

    private int parseLong(List<String> args, int i, Map<String, List<String>> seen) throws UsageException {
        String body = args.get(i).substring(2);
        int eq = body.indexOf('=');
        String name = eq >= 0 ? body.substring(0, eq) : body;
        Flag flag = byName(name);
        if (flag == null) {
            throw new UsageException("unknown flag: --" + name);
        }
        if (!flag.takesValue()) {
            String v = eq >= 0 ? body.substring(eq + 1) : "true";
            record(seen, flag, parseBool(v, "--" + name));
            return i;
        }
        if (eq >= 0) {
            record(seen, flag, body.substring(eq + 1));
            return i;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException("flag needs an argument: --" + name);
        }
        record(seen, flag, args.get(i + 1));
        return i + 1;
    }

    private int parseShorthands(List<String> args, int i, Map<String, List<String>> seen) throws UsageException {
        String cluster = args.get(i).substring(1);
        for (int k = 0; k < cluster.length(); k++) {
            char c = cluster.charAt(k);
            Flag flag = byShorthand(c);
            if (flag == null) {
                throw new UsageException("unknown shorthand flag: '" + c + "' in -" + cluster);
            }
            String rest = cluster.substring(k + 1);
            if (!flag.takesValue()) {
                if (rest.startsWith("=")) {
                    record(seen, flag, parseBool(rest.substring(1), "-" + c));
                    return i;
                }
                record(seen, flag, "true");
                continue;
            }
            if (!rest.isEmpty()) {
                record(seen, flag, rest.startsWith("=") ? rest.substring(1) : rest);
                return i;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("flag needs an argument: '" + c + "' in -" + cluster);
            }
            record(seen, flag, args.get(i + 1));
            return i + 1;
        }
        return i;
    }

    private static String parseBool(String v, String flagName) throws UsageException {
        return switch (v) {
            case "1", "t", "T", "true", "TRUE", "True" -> "true";
            case "0", "f", "F", "false", "FALSE", "False" -> "false";
            default -> throw new UsageException("invalid argument \"" + v + "\" for \"" + flagName
                    + "\" flag: strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
        };
    }

    private static void record(Map<String, List<String>> seen, Flag flag, String value) {
        List<String> values = seen.computeIfAbsent(flag.name(), k -> new ArrayList<>());
        if (flag.kind() != Flag.Kind.LIST) {
            values.clear();
        }
        values.add(value);
    }

    private Flag byName(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    private Flag byShorthand(char c) {
        return flags.stream().filter(f -> f.shorthand() == c).findFirst().orElse(null);
    }

    /** The OPTIONS section of a command's help. */
    public String describe() {
        int width = flags.stream().mapToInt(f -> f.label().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Flag f : flags) {
            out.append("  ").append(f.label()).append(" ".repeat(width - f.label().length() + 3))
                    .append(f.help()).append('\n');
        }
        return out.toString();
    }
}
