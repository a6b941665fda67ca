package dev.skiff.daemon.image;

import dev.skiff.runtime.files.FileTrees;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
                FileTrees.delete(p);
            }
        }
        return dir;
    }
}
