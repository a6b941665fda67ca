package dev.skiff.runtime.cgroup;

import dev.skiff.runtime.Resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates, opens and removes container cgroups in the host's cgroup layout (v1 or v2). */
public interface CgroupDriver {
    /** Creates the cgroup (and missing parents) and applies the limits. */
    ContainerCgroup create(String path, Resources resources) throws IOException;

    /** A handle on an existing container cgroup. */
    ContainerCgroup open(String path);

    /**
     * Kills whatever still runs in the cgroup (thawing it first) and removes its directories.
     * Does nothing when it does not exist.
     */
    void remove(String path) throws IOException;

    /** The cgroup v2 driver for a unified hierarchy mounted at {@code root}. */
    static CgroupDriver v2(Path root) {
        return new CgroupV2Driver(root);
    }

    /** Picks the driver for the host: v2 when /sys/fs/cgroup is cgroup2, else v1. */
    static CgroupDriver detect() throws IOException {
        CgroupMounts mounts = CgroupMounts.parse(Files.readString(Path.of("/proc/self/mountinfo")));
        if (mounts.unifiedRoot() != null) {
            return v2(mounts.unifiedRoot());
        }
        if (mounts.v1().isEmpty()) {
            throw new IOException("no cgroup filesystem mounted");
        }
        return new CgroupV1Driver(mounts.v1());
    }
}
