package dev.skiff.daemon.network;

/**
 * A container port to publish, as the create request asked for it.
 *
 * @param protocol       "tcp" or "udp"
 * @param hostIp         the host address to listen on; empty for every address
 * @param hostPortLow    the host port, or the low end of a range to pick from; 0 for any free port
 * @param hostPortHigh   the high end of the range (equal to the low end for one port)
 */
public record PortMapping(String protocol, int containerPort, String hostIp, int hostPortLow, int hostPortHigh) {
    /** {@code 80/tcp}, the key of the port in the API's maps. */
    public String key() {
        return containerPort + "/" + protocol;
    }
}
