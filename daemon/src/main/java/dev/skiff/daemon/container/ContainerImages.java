package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

import java.util.List;
import java.util.Optional;

/**
 * What the container service needs from the image store. The image store implements it; the
 * container package never sees registries or blobs.
 */
public interface ContainerImages {
    /**
     * Resolves a reference as a client typed it ({@code busybox}, {@code busybox:1.36}, an id or id
     * prefix, {@code name@sha256:...}).
     *
     * @throws dev.skiff.daemon.errors.EngineException NOT_FOUND with dockerd's text
     *         {@code No such image: busybox:latest} (the CLI reacts to it by pulling)
     */
    ImageForContainer resolve(String reference);

    /**
     * The id of the image a reference names now, or empty. Listing asks this once per container,
     * so implementations should answer from memory, without resolving layers.
     */
    /**
     * A container that stacked on these layer directories is gone: those that no image names any more
     * (it was force-removed while the container existed) can go too.
     */
    void released(List<String> lowerDirs);

    default Optional<String> idOf(String reference) {
        try {
            return Optional.of(resolve(reference).id());
        } catch (EngineException e) {
            return Optional.empty();
        }
    }
}
