package dev.skiff.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every command by name, with docker's management-command aliases ({@code image ls}, {@code container rm}, ...). */
public final class CommandTable {
    private final Map<String, Command> byName = new LinkedHashMap<>();

    public static CommandTable standard() {
        CommandTable table = new CommandTable();
        List.of(new CreateCommand(), new ImagesCommand(), new ImageInspectCommand(), new InfoCommand(),
                new InspectCommand(), new KillCommand(), new LogsCommand(), new PsCommand(), new PullCommand(),
                new RmCommand(), new RmiCommand(), new RunCommand(), new StartCommand(), new StopCommand(),
                new TagCommand(), new VersionCommand(), new WaitCommand()).forEach(table::add);
        table.alias("image ls", "images");
        table.alias("image list", "images");
        table.alias("image pull", "pull");
        table.alias("image rm", "rmi");
        table.alias("image tag", "tag");
        table.alias("container ls", "ps");
        table.alias("container list", "ps");
        for (String verb : List.of("create", "kill", "logs", "rm", "run", "start", "stop", "wait")) {
            table.alias("container " + verb, verb);
        }
        return table;
    }

    private void add(Command command) {
        byName.put(command.spec().name(), command);
    }

    private void alias(String alias, String target) {
        byName.put(alias, byName.get(target));
    }

    /** Looks up {@code words[0]} or, for management commands, {@code words[0] words[1]}. */
    public Optional<Match> find(List<String> words) {
        if (words.size() >= 2 && byName.containsKey(words.get(0) + " " + words.get(1))) {
            return Optional.of(new Match(byName.get(words.get(0) + " " + words.get(1)), 2));
        }
        if (!words.isEmpty() && byName.containsKey(words.get(0))) {
            return Optional.of(new Match(byName.get(words.get(0)), 1));
        }
        return Optional.empty();
    }

    /** A command found and how many words of the command line named it. */
    public record Match(Command command, int words) {
    }

    public String overview() {
        StringBuilder out = new StringBuilder("\nUsage:  skiff [OPTIONS] COMMAND\n\nA client for the skiff container engine\n\n"
                + "Options:\n  -H, --host string   Daemon socket to connect to (unix:///path)\n\nCommands:\n");
        byName.forEach((name, command) -> {
            if (name.equals(command.spec().name())) {
                out.append(String.format("  %-15s %s%n", name, command.spec().description()));
            }
        });
        out.append("\nRun 'skiff COMMAND --help' for more information on a command.\n");
        return out.toString();
    }
}
