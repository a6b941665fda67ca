package dev.skiff.daemon.image;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A daemon-private working directory (spooled uploads, rebuilt layer tars). What a previous run
 * left there (crash, kill -9) is worthless and is removed when the directory is prepared.
 */
public final class ScratchDir {
    private ScratchDir() {
    }

    /** Creates {@code dir} if needed and empties it; returns it. */
    public static Path prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir)) {
            for (Path p : old) {
                deleteTree(p);
            }
        }
        return dir;
    }

    /** Removes a file or a directory tree (symlinks are removed, never followed). */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
