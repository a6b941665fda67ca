package dev.skiff.runtime.cgroup;

import java.util.List;

/**
 * The devices a container may use (cgroup v1 devices controller, in devices.allow syntax): docker's
 * default set. Creating any node is allowed (CAP_MKNOD is in the default capabilities), but only these
 * can be opened; a node for a host disk made inside the container stays useless.
 */
public final class DeviceRules {
    private DeviceRules() {
    }

    public static final List<String> DOCKER_DEFAULT = List.of(
            "c *:* m", "b *:* m",
            "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", // null zero full random urandom
            "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm",          // tty console ptmx pts/*
            "c 10:200 rwm");                                                 // net/tun
}
