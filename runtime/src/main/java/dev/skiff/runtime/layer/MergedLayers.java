package dev.skiff.runtime.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Layer directories in overlay format (image layers, a container's upper directory), looked up as
 * overlayfs merges them without mounting anything: topmost first, a whiteout hides the name in the
 * layers below, an opaque directory hides the directories of the same path below it, and a file
 * ends the stack of directories at its path. Every component is looked at with lstat, so a symlink
 * inside a layer is never followed to somewhere on the host.
 */
public final class MergedLayers {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;

    private final List<Path> topFirst;

    public MergedLayers(List<Path> layerDirsTopFirst) {
        this.topFirst = List.copyOf(layerDirsTopFirst);
    }

    /**
     * The host file the merged layers show at {@code path} (absolute, clean: "/etc/passwd"), if any:
     * the entry of the topmost layer that has it, which may be a symlink.
     */
    public Optional<Path> lookup(String path) throws IOException {
        if (path.equals("/")) {
            return topFirst.stream().findFirst();
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        for (Path dir : mergedDirectory(slash == 0 ? "/" : path.substring(0, slash))) {
            Path p = dir.resolve(name);
            Map<String, Object> a = lstat(p);
            if (a != null) {
                return isWhiteout(a) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The names the merged layers show in directory {@code path}, sorted. */
    public TreeSet<String> names(String path) throws IOException {
        TreeSet<String> visible = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        for (Path dir : mergedDirectory(path)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path child : (Iterable<Path>) s::iterator) {
                    String name = child.getFileName().toString();
                    if (seen.add(name)) {
                        Map<String, Object> a = lstat(child);
                        if (a != null && !isWhiteout(a)) {
                            visible.add(name);
                        }
                    }
                }
            }
        }
        return visible;
    }

    /**
     * The layer directories that together make the merged directory at {@code path}, topmost first;
     * empty when the layers show no directory there.
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
                Map<String, Object> a = lstat(p);
                if (a == null) {
                    continue;
                }
                if (((Integer) a.get("mode") & S_IFMT) != S_IFDIR) {
                    break;  // a whiteout, file or symlink ends the stack here
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

    private static Map<String, Object> lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** overlayfs marks a deleted name with a 0/0 character device. */
    private static boolean isWhiteout(Map<String, Object> a) {
        return ((Integer) a.get("mode") & S_IFMT) == LayerLibc.S_IFCHR && (Long) a.get("rdev") == 0;
    }
}
