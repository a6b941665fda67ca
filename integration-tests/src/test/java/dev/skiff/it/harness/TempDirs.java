package dev.skiff.it.harness;

import dev.skiff.runtime.files.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Scratch directories for registries and daemons. Short paths under /tmp because a Unix socket
 * path must fit in 108 bytes.
 */
public final class TempDirs {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private TempDirs() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), "skiff-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a tree a daemon may have left mounts in (a killed daemon cannot clean up): unmounts
     * whatever is mounted below it first, so the delete never reaches into a lower layer or the
     * host, and never follows symbolic links.
     */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        unmountBelow(root.toAbsolutePath().normalize());
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private static void unmountBelow(Path root) {
        List<Path> mounts;
        try {
            mounts = Files.readAllLines(MOUNTINFO).stream()
                    .map(line -> line.split(" ")[4])
                    .map(TempDirs::unescapeMountPoint)
                    .map(Path::of)
                    .filter(p -> p.startsWith(root))
                    .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path mount : mounts) {
            Commands.run(List.of("umount", "-l", mount.toString()), Duration.ofSeconds(30)).assertSuccess();
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescapeMountPoint(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
