package dev.skiff.api.ports;

/** Port numbers as the Engine API writes them in port specs and keys: decimal, 0 to 65535. */
public final class PortNumbers {
    private PortNumbers() {
    }

    /** The port {@code text} names, or -1 when it is not one. */
    public static int parse(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int p = Integer.parseInt(text);
        return p <= 65535 ? p : -1;
    }
}
