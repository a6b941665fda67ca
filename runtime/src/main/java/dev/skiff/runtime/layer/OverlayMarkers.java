package dev.skiff.runtime.layer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads overlayfs's own markers in a layer or a container's upper directory, for computing changes and
 * turning an upper directory back into a layer tar: whiteouts are 0/0 character devices (visible with
 * stat), opaque directories carry an xattr the JDK cannot read (trusted.* namespace).
 */
public final class OverlayMarkers {
    /** The name a layer tar gives the opaque marker of its parent directory. */
    public static final String OPAQUE_ENTRY = OverlayTarApplier.OPAQUE;
    /** The prefix of a layer tar's whiteout entry for a deleted name. */
    public static final String WHITEOUT_PREFIX = OverlayTarApplier.WHITEOUT_PREFIX;

    private OverlayMarkers() {
    }

    /** Whether {@code dir} hides the directories of the same path in the layers below it. */
    public static boolean isOpaque(Path dir) throws IOException {
        byte[] value = LayerSyscalls.lgetxattr(dir, OverlayTarApplier.OPAQUE_XATTR);
        return value != null && value.length == 1 && value[0] == 'y';
    }
}
