package dev.skiff.daemon.filesystem;

/**
 * One line of {@code docker diff}.
 *
 * @param kind 0 modified (C), 1 added (A), 2 deleted (D), the Engine API's numbers
 */
public record Change(String path, int kind) {
    public static final int MODIFIED = 0;
    public static final int ADDED = 1;
    public static final int DELETED = 2;
}
