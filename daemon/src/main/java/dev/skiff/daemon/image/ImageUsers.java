package dev.skiff.daemon.image;

import java.util.List;

/** Which containers were created from an image: what {@code rmi} must respect. */
public interface ImageUsers {
    /** A container using an image; {@code running} as dockerd's IsRunning (running, paused, restarting). */
    record User(String containerId, boolean running) {
    }

    /** Every container (any state) created from the image with id {@code imageId} ("sha256:..."). */
    List<User> containersUsing(String imageId);

    /** No containers at all (a daemon without a container service, tests of the image side alone). */
    ImageUsers NONE = imageId -> List.of();
}
