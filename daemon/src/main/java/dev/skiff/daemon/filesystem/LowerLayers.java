package dev.skiff.daemon.filesystem;

import dev.skiff.runtime.layer.OverlayMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The image's read-only layers of a container, looked up as overlayfs merges them (topmost first; a
 * whiteout hides the name below it, an opaque directory hides the directories below it), without
 * mounting anything.
 */
final class LowerLayers {
    private final List<Path> topFirst;

    LowerLayers(List<Path> layerDirsTopFirst) {
        this.topFirst = List.copyOf(layerDirsTopFirst);
    }

    /** The file the merged lower layers show at clean container path {@code path}, if any. */
    Optional<Path> lookup(String path) throws IOException {
        if (path.equals("/")) {
            return Optional.of(topFirst.get(0));
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        for (Path dir : mergedDirectory(slash == 0 ? "/" : path.substring(0, slash))) {
            Path p = dir.resolve(name);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return FileMeta.of(p).isWhiteout() ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The names the merged lower layers show in directory {@code path}, sorted. */
    TreeSet<String> names(String path) throws IOException {
        TreeSet<String> visible = new TreeSet<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Path dir : mergedDirectory(path)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path child : (Iterable<Path>) s::iterator) {
                    String name = child.getFileName().toString();
                    if (seen.add(name) && !FileMeta.of(child).isWhiteout()) {
                        visible.add(name);
                    }
                }
            }
        }
        return visible;
    }

    /**
     * The layer directories that together make the merged directory at {@code path}, topmost first;
     * empty when the lower layers show no directory there.
     */
    private List<Path> mergedDirectory(String path) throws IOException {
        List<Path> dirs = new ArrayList<>(topFirst);
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            List<Path> next = new ArrayList<>();
            for (Path dir : dirs) {
                Path p = dir.resolve(name);
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!FileMeta.of(p).isDirectory()) {
                    break;  // a whiteout or a file ends the stack here
                }
                next.add(p);
                if (OverlayMarkers.isOpaque(p)) {
                    break;
                }
            }
            dirs = next;
            if (dirs.isEmpty()) {
                break;
            }
        }
        return dirs;
    }
}
