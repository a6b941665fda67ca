package dev.skiff.daemon.naming;

import dev.skiff.daemon.errors.EngineException;

import java.util.regex.Pattern;

/** dockerd's rules for user-chosen container names. */
public final class ContainerNames {
    /** dockerd's pattern; it needs at least two characters, so "a" is rejected too. */
    private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");

    private ContainerNames() {
    }

    /** Checks a name given with {@code --name} and returns it without a leading '/'. */
    public static String validate(String name) {
        if (!VALID.matcher(name).matches()) {
            throw EngineException.invalidParameter("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
