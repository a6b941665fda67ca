package dev.skiff.daemon.container;

import java.util.List;

/**
 * The daemon's exec instances as the container lifecycle sees them: inspect lists the live ones
 * ({@code ExecIDs}), and removing a container forgets all of its instances.
 */
public interface ContainerExecs {
    /** A daemon without exec support (unit tests of the lifecycle). */
    ContainerExecs NONE = new ContainerExecs() {
        @Override
        public List<String> liveIds(String containerId) {
            return List.of();
        }

        @Override
        public void containerRemoved(String containerId) {
        }
    };

    /** Ids of the container's exec instances that are created or running, oldest first. */
    List<String> liveIds(String containerId);

    /** The container is gone: its exec instances are forgotten. */
    void containerRemoved(String containerId);
}
