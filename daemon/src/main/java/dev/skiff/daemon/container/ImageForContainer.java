package dev.skiff.daemon.container;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image as a container uses it.
 *
 * @param id        image id, {@code sha256:<64 hex>}
 * @param reference the reference as the client typed it (kept as the container's {@code Image})
 * @param config    the image config's runtime defaults
 * @param lowerDirs extracted layer directories (overlay diff dirs), topmost first; they must stay while
 *                  a container refers to the image
 * @param size      the image's size in bytes (its layers' content)
 */
public record ImageForContainer(String id, String reference, ImageConfig config, List<Path> lowerDirs, long size) {
    public ImageForContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(config, "config");
        lowerDirs = List.copyOf(lowerDirs);
        if (lowerDirs.isEmpty()) {
            throw new IllegalArgumentException("an image needs at least one layer");
        }
    }

    /**
     * The runtime defaults of an image config (OCI/Docker image config {@code config} object); null or
     * empty for what the image does not set.
     */
    public record ImageConfig(List<String> env, List<String> cmd, List<String> entrypoint, String workingDir,
                              String user, String stopSignal, Map<String, Object> exposedPorts,
                              Map<String, String> labels, Map<String, Object> volumes) {
        public static final ImageConfig EMPTY = new ImageConfig(null, null, null, null, null, null, null, null, null);
    }
}
