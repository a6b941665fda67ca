package dev.skiff.daemon.logs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Names of a json-file log and its rotated generations: {@code x-json.log}, {@code x-json.log.1} (newest), ... */
public final class LogFiles {
    private LogFiles() {
    }

    public static Path rotated(Path current, int generation) {
        return current.resolveSibling(current.getFileName() + "." + generation);
    }

    /** The rotated files that exist, oldest first (the current file is not included). */
    public static List<Path> rotatedOldestFirst(Path current, int maxFile) {
        List<Path> out = new ArrayList<>();
        for (int i = Math.max(1, maxFile - 1); i >= 1; i--) {
            Path p = rotated(current, i);
            if (Files.exists(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
