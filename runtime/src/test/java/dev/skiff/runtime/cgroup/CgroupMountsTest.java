package dev.skiff.runtime.cgroup;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CgroupMountsTest {
    private static final String HYBRID = """
            22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
            30 22 0:26 / /sys/fs/cgroup rw,relatime shared:2 - tmpfs tmpfs rw,mode=755
            31 30 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:3 - cgroup cgroup rw,cpu,cpuacct
            32 30 0:28 / /sys/fs/cgroup/memory rw,relatime shared:4 - cgroup cgroup rw,memory
            33 30 0:29 / /sys/fs/cgroup/systemd rw,relatime shared:5 - cgroup cgroup rw,xattr,name=systemd
            34 30 0:30 / /sys/fs/cgroup/unified rw,relatime shared:6 - cgroup2 cgroup2 rw,nsdelegate
            """;

    @Test
    void hybridHostUsesTheV1Hierarchies() {
        CgroupMounts m = CgroupMounts.parse(HYBRID);
        assertNull(m.unifiedRoot());
        assertEquals(List.of(
                new CgroupMounts.V1Hierarchy(Path.of("/sys/fs/cgroup/cpu,cpuacct"), List.of("cpu", "cpuacct")),
                new CgroupMounts.V1Hierarchy(Path.of("/sys/fs/cgroup/memory"), List.of("memory")),
                new CgroupMounts.V1Hierarchy(Path.of("/sys/fs/cgroup/systemd"), List.of("name=systemd"))), m.v1());
    }

    @Test
    void unifiedHostIsDetected() {
        CgroupMounts m = CgroupMounts.parse(
                "29 22 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n");
        assertEquals(Path.of("/sys/fs/cgroup"), m.unifiedRoot());
        assertEquals(List.of(), m.v1());
    }

    @Test
    void escapedMountPointsAreDecoded() {
        CgroupMounts m = CgroupMounts.parse("40 30 0:31 / /sys/fs/cgroup/my\\040group rw - cgroup cgroup rw,pids\n");
        assertEquals(Path.of("/sys/fs/cgroup/my group"), m.v1().get(0).mountPoint());
    }
}
