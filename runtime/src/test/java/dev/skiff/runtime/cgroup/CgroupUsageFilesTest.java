package dev.skiff.runtime.cgroup;

import dev.skiff.runtime.Resources;
import dev.skiff.runtime.cgroup.CgroupMounts.V1Hierarchy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The v1 and v2 readers and writers against control files laid out in a directory the way the kernel shows
 * them (the test host's unified hierarchy has no controllers, so v2 limits cannot be exercised for real).
 */
class CgroupUsageFilesTest {
    private static final String GROUP = "skiff/c1";

    @Test
    void v2UsageComesFromCpuStatMemoryPidsAndIoStat(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve(GROUP));
        write(dir, "cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 10\n"
                + "nr_throttled 3\nthrottled_usec 70\n");
        write(dir, "memory.current", "4096\n");
        write(dir, "memory.max", "max\n");
        write(dir, "memory.events", "low 0\nhigh 0\nmax 4\noom 2\noom_kill 1\n");
        write(dir, "memory.stat", "anon 100\nfile 200\ninactive_file 50\n");
        write(dir, "pids.current", "3\n");
        write(dir, "pids.max", "max\n");
        write(dir, "io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");

        CgroupUsage u = CgroupDriver.v2(root).open(GROUP).usage();
        assertEquals(2, u.cgroupVersion());
        assertEquals(1_500_000, u.cpuTotalNanos());
        assertEquals(List.of(), u.cpuPerCpuNanos());
        assertEquals(500_000, u.cpuKernelNanos());
        assertEquals(1_000_000, u.cpuUserNanos());
        assertEquals(10, u.throttlingPeriods());
        assertEquals(3, u.throttledPeriods());
        assertEquals(70_000, u.throttledNanos());
        assertEquals(4096, u.memoryUsageBytes());
        assertEquals(Long.MAX_VALUE, u.memoryLimitBytes());
        assertEquals(2, u.memoryFailcnt(), "oom events, as dockerd reports them");
        assertEquals(Map.of("anon", 100L, "file", 200L, "inactive_file", 50L), u.memoryStat());
        assertEquals(3, u.pids());
        assertEquals(0, u.pidsLimit(), "max is no limit");
        assertEquals(List.of(new BlkioEntry(8, 0, "read", 4096), new BlkioEntry(8, 0, "write", 8192)),
                u.ioServiceBytes());
        assertEquals(List.of(), u.ioServiced());
    }

    @Test
    void v2UpdateWritesEveryLimitAndLiftsAnUnsetPidsLimit(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve(GROUP));
        emptyLimitFiles(dir);
        ContainerCgroup cgroup = CgroupDriver.v2(root).open(GROUP);
        cgroup.update(new Resources(128L << 20, 0, 500_000_000L, 0, 512, 0, 0));
        assertEquals(Long.toString(128L << 20), read(dir, "memory.max"));
        assertEquals(Long.toString(128L << 20), read(dir, "memory.swap.max"), "swap as much as memory");
        assertEquals("max", read(dir, "pids.max"));
        assertEquals("50000 100000", read(dir, "cpu.max"));
        assertEquals("20", read(dir, "cpu.weight"), "runc's conversion of 512 shares");

        emptyLimitFiles(dir); // control files replace their value; these plain files would not
        cgroup.update(new Resources(0, 0, 0, 10, 0, 30_000, 60_000));
        assertEquals("10", read(dir, "pids.max"));
        assertEquals("30000 60000", read(dir, "cpu.max"));
    }

    @Test
    void v1UsageReadsTheThrottleCountersFailcntAndPidsLimit(@TempDir Path root) throws IOException {
        List<V1Hierarchy> hierarchies = List.of(
                new V1Hierarchy(root.resolve("cpu,cpuacct"), List.of("cpu", "cpuacct")),
                new V1Hierarchy(root.resolve("memory"), List.of("memory")),
                new V1Hierarchy(root.resolve("pids"), List.of("pids")),
                new V1Hierarchy(root.resolve("blkio"), List.of("blkio")));
        Path cpu = Files.createDirectories(root.resolve("cpu,cpuacct").resolve(GROUP));
        write(cpu, "cpuacct.usage", "300\n");
        write(cpu, "cpuacct.usage_percpu", "100 200 \n");
        write(cpu, "cpuacct.stat", "user 3\nsystem 1\n");
        write(cpu, "cpu.stat", "nr_periods 5\nnr_throttled 1\nthrottled_time 900\n");
        Path memory = Files.createDirectories(root.resolve("memory").resolve(GROUP));
        write(memory, "memory.usage_in_bytes", "8192\n");
        write(memory, "memory.max_usage_in_bytes", "9000\n");
        write(memory, "memory.limit_in_bytes", "67108864\n");
        write(memory, "memory.failcnt", "4\n");
        write(memory, "memory.stat", "cache 10\ntotal_inactive_file 5\n");
        Path pids = Files.createDirectories(root.resolve("pids").resolve(GROUP));
        write(pids, "pids.current", "2\n");
        write(pids, "pids.max", "50\n");
        Path blkio = Files.createDirectories(root.resolve("blkio").resolve(GROUP));
        write(blkio, "blkio.throttle.io_service_bytes", "8:0 Read 4096\n8:0 Write 512\n8:0 Total 4608\nTotal 4608\n");
        write(blkio, "blkio.throttle.io_serviced", "8:0 Read 1\n8:0 Write 1\n8:0 Total 2\nTotal 2\n");

        CgroupUsage u = new CgroupV1Driver(hierarchies).open(GROUP).usage();
        assertEquals(1, u.cgroupVersion());
        assertEquals(300, u.cpuTotalNanos());
        assertEquals(List.of(100L, 200L), u.cpuPerCpuNanos());
        assertEquals(10_000_000, u.cpuKernelNanos());
        assertEquals(30_000_000, u.cpuUserNanos());
        assertEquals(900, u.throttledNanos());
        assertEquals(8192, u.memoryUsageBytes());
        assertEquals(9000, u.memoryMaxUsageBytes());
        assertEquals(67108864, u.memoryLimitBytes());
        assertEquals(4, u.memoryFailcnt());
        assertEquals(50, u.pidsLimit());
        assertEquals(List.of(new BlkioEntry(8, 0, "Read", 4096), new BlkioEntry(8, 0, "Write", 512),
                new BlkioEntry(8, 0, "Total", 4608)), u.ioServiceBytes());
        assertEquals(3, u.ioServiced().size());
    }

    private static void emptyLimitFiles(Path dir) throws IOException {
        for (String f : List.of("memory.max", "memory.swap.max", "pids.max", "cpu.weight", "cpu.max")) {
            write(dir, f, "");
        }
    }

    private static void write(Path dir, String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file)).trim();
    }
}
