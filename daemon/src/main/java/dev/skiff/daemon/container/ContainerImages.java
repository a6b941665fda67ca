package dev.skiff.daemon.container;

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
}
