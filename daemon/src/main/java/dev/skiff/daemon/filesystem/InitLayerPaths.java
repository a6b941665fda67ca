package dev.skiff.daemon.filesystem;

import dev.skiff.runtime.layer.TarWriter;
import dev.skiff.runtime.rootfs.PinnedDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What dockerd keeps in a container's init layer, between the image and the writable layer: mount
 * points and the files the daemon bind-mounts over. skiff creates the missing ones in the writable
 * layer instead, so diff and commit leave them out, as dockerd's never see them.
 */
public final class InitLayerPaths {
    private static final Set<String> FILES = Set.of("/.dockerenv", "/etc/hostname", "/etc/hosts", "/etc/mtab",
            "/etc/resolv.conf");
    /** Always mounted over in a running container: whatever is below is not the container's. */
    private static final Set<String> MOUNT_POINTS = Set.of("/dev", "/proc", "/sys");

    private InitLayerPaths() {
    }

    static boolean contains(String path) {
        if (FILES.contains(path)) {
            return true;
        }
        for (String m : MOUNT_POINTS) {
            if (ContainerRoot.isWithin(path, m)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether entry {@code name} of a writable layer's directory {@code dir}, at container path
     * {@code path}, stays out of the container's layer tar (an {@code OverlayTarWriter.Exclusion}).
     */
    public static boolean excludes(String path, PinnedDirectory dir, String name) throws IOException {
        if (contains(path)) {
            return true;
        }
        if (!FileMeta.of(dir.child(name)).isDirectory()) {
            return false;
        }
        try (PinnedDirectory sub = dir.subdirectory(name)) {
            return holdsOnlyInitPaths(path, sub);
        }
    }

    /**
     * Whether a directory of the writable layer holds nothing but init-layer paths (so it exists there
     * only because they were created): then it is no change of the container's either.
     */
    static boolean holdsOnlyInitPaths(String path, PinnedDirectory dir) throws IOException {
        boolean any = false;
        for (Path child : TarWriter.sortedChildren(dir.path())) {
            String name = child.getFileName().toString();
            String p = ContainerRoot.join(path, name);
            if (contains(p)) {
                any = true;
                continue;
            }
            if (!FileMeta.of(child).isDirectory()) {
                return false;
            }
            try (PinnedDirectory sub = dir.subdirectory(name)) {
                if (!holdsOnlyInitPaths(p, sub)) {
                    return false;
                }
            }
            any = true;
        }
        return any;
    }
}
