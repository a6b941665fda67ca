package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Linux signal names and numbers as dockerd accepts them ({@code HUP}, {@code SIGHUP}, {@code 1}). */
public final class Signals {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        String[] names = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
            "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
            "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        for (int i = 1; i < names.length; i++) {
            BY_NAME.put(names[i], i);
        }
        BY_NAME.put("IOT", 6);
        BY_NAME.put("POLL", 29);
        BY_NAME.put("RTMIN", 34);
        for (int i = 1; i <= 15; i++) {
            BY_NAME.put("RTMIN+" + i, 34 + i);
            BY_NAME.put("RTMAX-" + i, 64 - i);
        }
        BY_NAME.put("RTMAX", 64);
    }

    private Signals() {
    }

    /** Parses a signal; dockerd's 400 "Invalid signal: x" for anything else. */
    public static int parse(String raw) {
        if (raw != null && !raw.isEmpty() && raw.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(raw);
                if (n >= 1 && n <= 64) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // out of range: invalid below
            }
            throw EngineException.invalidParameter("Invalid signal: " + raw);
        }
        String name = raw == null ? "" : raw.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer n = BY_NAME.get(name);
        if (n == null) {
            throw EngineException.invalidParameter("Invalid signal: " + raw);
        }
        return n;
    }
}
