package dev.skiff.runtime;

import dev.skiff.runtime.cgroup.CgroupDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.skiff.runtime.TestContainers.collect;
import static dev.skiff.runtime.TestContainers.process;
import static dev.skiff.runtime.TestContainers.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cgroup v2 code paths (process placement by skiff-init for the first process, by the spawn gate
 * for execs; cgroup.freeze) against a real unified hierarchy: the host's own when it runs v2, else the
 * cgroup2 mount of a hybrid host (which has no controllers, so limits are not exercised here).
 */
class CgroupV2Test {
    private static Path root;
    private static ContainerRuntime runtime;

    @BeforeAll
    static void open() throws Exception {
        root = Files.isDirectory(Path.of("/sys/fs/cgroup/unified")) ? Path.of("/sys/fs/cgroup/unified")
                : Path.of("/sys/fs/cgroup");
        assumeTrue(Files.exists(root.resolve("cgroup.procs")) && Files.exists(root.resolve("cgroup.subtree_control")),
                "no cgroup2 hierarchy");
        runtime = new LinuxContainerRuntime(TestContainers.EXEC_ROOT, CgroupDriver.v2(root));
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void firstProcessAndExecsLandInTheContainersGroup() throws Exception {
        ContainerSpec spec = spec(process("sleep", "1000"));
        Container c = runtime.start(spec);
        Path group = root.resolve(TestContainers.CGROUP_PARENT).resolve(spec.id());
        try {
            assertEquals(List.of(Integer.toString(c.pid())), Files.readAllLines(group.resolve("cgroup.procs")));
            // the exec is in the container's cgroup namespace (its group shows as "/") and in the group
            // itself: the cgroup2 mounted at its /sys/fs/cgroup lists its pid
            ContainerProcess exec = c.exec(process("sh", "-c", "grep '^0::' /proc/self/cgroup; "
                    + "grep -c \"^$$\\$\" /sys/fs/cgroup/cgroup.procs"));
            var r = collect(exec);
            assertEquals("0::/\n1\n", r.stdout(), r.stderr());

            ContainerStats stats = c.stats();
            assertTrue(stats.cpuTotalNanos() > 0, stats.toString()); // the exec above ran in the group
            assertEquals(List.of(), stats.cpuPerCpuNanos());

            // no device controller on v2 yet: the default capabilities without CAP_MKNOD
            assertEquals("CapEff:\t00000000a00425fb\n",
                    collect(c.exec(process("grep", "CapEff", "/proc/self/status"))).stdout());

            c.pause();
            assertTrue(Files.readAllLines(group.resolve("cgroup.events")).contains("frozen 1"));
            c.unpause();
            assertEquals(0, collect(c.exec(process("true"))).status().code());
        } finally {
            c.kill(9);
            c.exit().get(10, TimeUnit.SECONDS);
            c.stdout().close();
            c.stderr().close();
            runtime.teardown(spec);
            TestContainers.removeContainerDir(spec);
        }
        assertFalse(Files.exists(group));
    }
}
