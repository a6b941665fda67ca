package dev.skiff.daemon.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a small file of a container's root without mounting it: the writable layer first, then the
 * image layers topmost first, the first one that has it wins. An overlay whiteout (a 0/0 character
 * device) hides the file of the layers below.
 */
final class LayeredFiles {
    private LayeredFiles() {
    }

    /** The file's text, or null when no layer has it. */
    static String read(List<Path> layersTopFirst, String relative) throws IOException {
        for (Path layer : layersTopFirst) {
            Path p = layer.resolve(relative);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (isWhiteout(p)) {
                return null;
            }
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return Files.readString(p, StandardCharsets.UTF_8);
            }
            return null;
        }
        return null;
    }

    private static boolean isWhiteout(Path p) throws IOException {
        if (!Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            return false;
        }
        Object rdev = Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        return rdev instanceof Long l && l == 0L;
    }
}
