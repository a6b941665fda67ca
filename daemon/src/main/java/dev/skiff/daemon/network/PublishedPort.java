package dev.skiff.daemon.network;

/** A container port published on a host address and port, as inspect and ps show it. */
public record PublishedPort(String protocol, int containerPort, String hostIp, int hostPort) {
}
