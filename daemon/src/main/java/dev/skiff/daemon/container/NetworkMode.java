package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

/**
 * {@code HostConfig.NetworkMode}: which network namespace a container runs in. skiff has no bridge yet:
 * "default", "bridge" and "none" each give the container a namespace of its own with only a loopback
 * interface; "host" shares the daemon's; {@code container:<name or id>} shares another running
 * container's. Any other name is a network that does not exist.
 *
 * @param container the container whose network is shared, or null
 * @param none      "none": as dockerd, nothing is published on it
 */
record NetworkMode(boolean host, String container, boolean none) {
    private static final String CONTAINER_PREFIX = "container:";
    static final NetworkMode OWN = new NetworkMode(false, null, false);

    static NetworkMode of(String mode) {
        switch (mode) {
            case "default", "bridge" -> {
                return OWN;
            }
            case "none" -> {
                return new NetworkMode(false, null, true);
            }
            case "host" -> {
                return new NetworkMode(true, null, false);
            }
            default -> {
                if (!sharesContainer(mode)) {
                    throw EngineException.notFound("network " + mode + " not found");
                }
                String ref = mode.substring(CONTAINER_PREFIX.length());
                if (ref.isEmpty()) {
                    throw EngineException.invalidParameter("no container specified to join network");
                }
                return new NetworkMode(false, ref, false);
            }
        }
    }

    /** Whether a mode shares another container's network, whatever that container. */
    static boolean sharesContainer(String mode) {
        return mode.startsWith(CONTAINER_PREFIX);
    }

    /** A namespace of its own. */
    boolean own() {
        return !host && container == null;
    }

    /** The only kind whose ports are published: with dockerd, "none" has no endpoint to publish them on. */
    boolean publishes() {
        return own() && !none;
    }
}
