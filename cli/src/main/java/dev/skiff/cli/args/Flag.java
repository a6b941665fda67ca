package dev.skiff.cli.args;

/**
 * One command-line option. {@code shorthand} is the one-letter form or 0 for none. A switch takes
 * no argument; a value flag takes one (the last occurrence wins); a list flag collects every
 * occurrence (e.g. {@code -e}).
 */
public record Flag(String name, char shorthand, Kind kind, String valueName, String help) {
    public enum Kind { SWITCH, VALUE, LIST }

    public static Flag bool(String name, char shorthand, String help) {
        return new Flag(name, shorthand, Kind.SWITCH, "", help);
    }

    public static Flag value(String name, char shorthand, String valueName, String help) {
        return new Flag(name, shorthand, Kind.VALUE, valueName, help);
    }

    public static Flag list(String name, char shorthand, String valueName, String help) {
        return new Flag(name, shorthand, Kind.LIST, valueName, help);
    }

    public boolean takesValue() {
        return kind != Kind.SWITCH;
    }

    /** "-t, --timeout" or "--name", as flag errors name a flag. */
    String displayName() {
        return shorthand != 0 ? "-" + shorthand + ", --" + name : "--" + name;
    }

    /** "-t, --timeout int" style label for help output. */
    String label() {
        String s = shorthand != 0 ? displayName() : "    " + displayName();
        return valueName.isEmpty() ? s : s + " " + valueName;
    }
}
