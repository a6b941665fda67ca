package dev.skiff.daemon.filesystem;

import dev.skiff.runtime.layer.OverlayMarkers;
import dev.skiff.runtime.rootfs.PinnedDirectory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A container's writable layer as an image layer tar (what {@code docker commit} adds): the upper
 * directory's entries, overlayfs whiteouts turned back into {@code .wh.<name>} files and opaque
 * directories marked with a {@code .wh..wh..opq} file, as dockerd's overlay driver writes them.
 * Init-layer paths (mount points the runtime created) are left out. Deterministic for an unchanged
 * upper directory, so the same layer can be written again and match its digest.
 */
public final class UpperLayerTar {
    private UpperLayerTar() {
    }

    public static void write(Path upperDir, OutputStream out) throws IOException {
        try (TarWriter tar = new TarWriter(out); PinnedDirectory upper = PinnedDirectory.open(upperDir)) {
            walk(tar, upper, "/", "");
            tar.finish();
        }
    }

    /** Directories are entered through their descriptors: the container may be changing them. */
    private static void walk(TarWriter tar, PinnedDirectory dir, String path, String prefix) throws IOException {
        for (Path child : TarWriter.sortedChildren(dir.path())) {
            String name = child.getFileName().toString();
            String p = ContainerRoot.join(path, name);
            if (InitLayerPaths.contains(p)) {
                continue;
            }
            FileMeta m = FileMeta.of(child);
            if (m.isWhiteout()) {
                tar.writeEmptyFile(prefix + OverlayMarkers.WHITEOUT_PREFIX + name, 0600, m.uid(), m.gid(),
                        m.mtime().toMillis());
            } else if (m.isDirectory()) {
                try (PinnedDirectory sub = dir.subdirectory(name)) {
                    if (InitLayerPaths.holdsOnlyInitPaths(p, sub)) {
                        continue;
                    }
                    tar.write(prefix + name, child, m);
                    if (OverlayMarkers.isOpaque(child)) {
                        tar.writeEmptyFile(prefix + name + "/" + OverlayMarkers.OPAQUE_ENTRY, m.permissions() & 0777,
                                m.uid(), m.gid(), 0);
                    }
                    walk(tar, sub, p, prefix + name + "/");
                }
            } else {
                tar.write(prefix + name, child, m);
            }
        }
    }
}
