package dev.skiff.runtime.layer;

import dev.skiff.runtime.rootfs.PinnedDirectory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a directory in overlay format (an extracted layer, a container's upper directory) as a
 * layer tar in the image format, as dockerd's overlay driver diffs one: entries parents first,
 * siblings in byte order, markers converted by {@link TarWriter#forLayers}. Equal trees give equal
 * tars, so a layer extracted from such a tar writes that tar again. Directories are entered
 * through their descriptors: a running container may be changing its upper directory.
 */
public final class OverlayTarWriter {
    /** Paths of the directory left out of its tar, each with everything below it. */
    @FunctionalInterface
    public interface Exclusion {
        Exclusion NONE = (path, dir, name) -> false;

        /** Whether entry {@code name} of {@code dir}, at {@code path} ("/etc/hosts") in the tree, is left out. */
        boolean excludes(String path, PinnedDirectory dir, String name) throws IOException;
    }

    private final Path root;
    private final Exclusion exclusion;

    public OverlayTarWriter(Path root) {
        this(root, Exclusion.NONE);
    }

    public OverlayTarWriter(Path root, Exclusion exclusion) {
        this.root = root;
        this.exclusion = exclusion;
    }

    /** Writes the tar (with its end-of-archive blocks) to {@code out}, which stays open. */
    public void write(OutputStream out) throws IOException {
        TarWriter tar = TarWriter.forLayers(out);
        try (PinnedDirectory dir = PinnedDirectory.open(root)) {
            walk(tar, dir, "/", "");
        }
        tar.finish();
    }

    private void walk(TarWriter tar, PinnedDirectory dir, String path, String prefix) throws IOException {
        for (Path child : TarWriter.sortedChildren(dir.path())) {
            String name = child.getFileName().toString();
            String p = path.equals("/") ? "/" + name : path + "/" + name;
            if (exclusion.excludes(p, dir, name)) {
                continue;
            }
            if (tar.write(prefix + name, child)) {
                try (PinnedDirectory sub = dir.subdirectory(name)) {
                    walk(tar, sub, p, prefix + name + "/");
                }
            }
        }
    }
}
