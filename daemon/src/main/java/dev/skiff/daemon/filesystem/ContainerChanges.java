package dev.skiff.daemon.filesystem;

import dev.skiff.runtime.layer.MergedLayers;
import dev.skiff.runtime.layer.OverlayMarkers;
import dev.skiff.runtime.layer.TarWriter;
import dev.skiff.runtime.rootfs.PinnedDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A container's changes against its image, read from its writable (upper) layer and compared with the
 * merged image layers as dockerd's layer diff compares the two trees:
 * <ul>
 *   <li>a name only in the upper layer is added (A), and so is everything below it;</li>
 *   <li>a whiteout is a deletion (D) of what the image had there;</li>
 *   <li>a name in both is modified (C) when its type, permissions, owner or device differ, or, for
 *       anything but a directory, its size or mtime (a copied-up but unchanged file is no change);</li>
 *   <li>an opaque directory deletes (D) every image name below it that it does not have again;</li>
 *   <li>a directory with changes below it is modified (C), listed before them.</li>
 * </ul>
 * Paths come sorted, parents before children (dockerd's own order depends on Go map iteration).
 * Init-layer paths (hostname, hosts, resolv.conf mount points, /dev, /proc, /sys) are left out.
 */
public final class ContainerChanges {
    private final Path upper;
    private final MergedLayers lower;

    public ContainerChanges(Path upperDir, List<Path> lowerDirsTopFirst) {
        this.upper = upperDir;
        this.lower = new MergedLayers(lowerDirsTopFirst);
    }

    public List<Change> compute() throws IOException {
        List<Change> out = new ArrayList<>();
        try (PinnedDirectory root = PinnedDirectory.open(upper)) {
            walk("/", root, false, true, out);
        }
        return out;
    }

    /**
     * Adds the changes below directory {@code path} (entered through its descriptor: a running container
     * may be changing it); {@code inLower} says whether the image has it.
     */
    private void walk(String path, PinnedDirectory dir, boolean opaque, boolean inLower, List<Change> out)
            throws IOException {
        Map<String, Path> children = new TreeMap<>();
        for (Path child : TarWriter.sortedChildren(dir.path())) {
            children.put(child.getFileName().toString(), child);
        }
        if (inLower && opaque) {
            for (String hidden : lower.names(path)) {
                children.putIfAbsent(hidden, null);
            }
        }
        for (Map.Entry<String, Path> e : children.entrySet()) {
            String p = ContainerRoot.join(path, e.getKey());
            if (InitLayerPaths.contains(p)) {
                continue;
            }
            if (e.getValue() == null) {
                out.add(new Change(p, Change.DELETED));  // hidden by the opaque directory
                continue;
            }
            entry(p, dir, e.getKey(), inLower, out);
        }
    }

    private void entry(String p, PinnedDirectory parent, String name, boolean parentInLower, List<Change> out)
            throws IOException {
        Path host = parent.child(name);
        FileMeta meta = FileMeta.of(host);
        Optional<Path> below = parentInLower ? lower.lookup(p) : Optional.empty();
        if (meta.isWhiteout()) {
            if (below.isPresent()) {
                out.add(new Change(p, Change.DELETED));
            }
            return;
        }
        if (!meta.isDirectory()) {
            FileMeta belowMeta = below.isPresent() ? FileMeta.of(below.get()) : null;
            if (belowMeta == null) {
                out.add(new Change(p, Change.ADDED));
            } else if (differs(belowMeta, meta)) {
                out.add(new Change(p, Change.MODIFIED));
            }
            return;
        }
        try (PinnedDirectory dir = parent.subdirectory(name)) {
            if (below.isEmpty() && InitLayerPaths.holdsOnlyInitPaths(p, dir)) {
                return;
            }
            int mark = out.size();
            boolean listed = true;
            FileMeta belowMeta = below.isPresent() ? FileMeta.of(below.get()) : null;
            if (belowMeta == null) {
                out.add(new Change(p, Change.ADDED));
            } else if (differs(belowMeta, meta)) {
                out.add(new Change(p, Change.MODIFIED));
            } else {
                listed = false;
            }
            boolean dirBelow = belowMeta != null && belowMeta.isDirectory();
            walk(p, dir, dirBelow && OverlayMarkers.isOpaque(host), dirBelow, out);
            if (!listed && out.size() > mark) {
                out.add(mark, new Change(p, Change.MODIFIED));
            }
        }
    }

    /** dockerd's statDifferent: sizes and mtimes of directories say nothing. */
    static boolean differs(FileMeta a, FileMeta b) {
        if (a.mode() != b.mode() || a.uid() != b.uid() || a.gid() != b.gid() || a.rdev() != b.rdev()) {
            return true;
        }
        return !a.isDirectory() && (a.size() != b.size() || !a.mtime().equals(b.mtime()));
    }
}
