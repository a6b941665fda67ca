package dev.skiff.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.skiff.runtime.TestContainers.collect;
import static dev.skiff.runtime.TestContainers.lines;
import static dev.skiff.runtime.TestContainers.process;
import static dev.skiff.runtime.TestContainers.runtime;
import static dev.skiff.runtime.TestContainers.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** exec, TTY, cgroup limits and pause against one running container per test. */
class ContainerExecTest {
    private ContainerSpec spec;
    private Container container;

    @BeforeEach
    void start() throws Exception {
        spec = spec(process("sleep", "1000"), List.of(),
                new Resources(64L * 1024 * 1024, 0, 500_000_000L, 20));
        container = runtime().start(spec);
    }

    @AfterEach
    void stop() throws Exception {
        container.kill(9);
        container.exit().get(10, TimeUnit.SECONDS);
        container.stdout().close();
        container.stderr().close();
        runtime().teardown(spec);
        TestContainers.removeContainerDir(spec);
    }

    @Test
    void execJoinsTheContainersNamespaces() throws Exception {
        var p = container.exec(process("sh", "-c", "hostname; cat /proc/1/comm; echo $$; ls /root; true"));
        var r = collect(p);
        List<String> out = lines(r.stdout());
        assertEquals(spec.hostname(), out.get(0), r.stderr());
        assertEquals("sleep", out.get(1));
        assertTrue(Integer.parseInt(out.get(2)) > 1);
        assertEquals(0, r.status().statusCode());
    }

    @Test
    void execSeesTheContainersFiles() throws Exception {
        assertEquals(0, collect(container.exec(process("sh", "-c", "echo mark > /tmp/m"))).status().code());
        assertEquals("mark\n", collect(container.exec(process("cat", "/tmp/m"))).stdout());
        assertEquals("mark\n", Files.readString(spec.rootfs().resolve("tmp/m")));
    }

    @Test
    void execRunsAsTheGivenUserInTheGivenDirectory() throws Exception {
        ProcessSpec p = new ProcessSpec(List.of("sh", "-c", "id -u; pwd; grep CapEff /proc/self/status"),
                TestContainers.ENV, "/tmp", 1000, 1000, List.of(), false, null, false);
        assertEquals(List.of("1000", "/tmp", "CapEff:\t0000000000000000"), lines(collect(container.exec(p)).stdout()));
    }

    @Test
    void execAsRootGetsDockersDefaultCapabilitiesAndBoundingSet() throws Exception {
        var r = collect(container.exec(process("sh", "-c", "grep -E 'Cap(Eff|Bnd)' /proc/self/status")));
        assertEquals(List.of("CapBnd:\t00000000a80425fb", "CapEff:\t00000000a80425fb"),
                lines(r.stdout()).stream().sorted().toList());
    }

    @Test
    void execExitCodeAndSignal() throws Exception {
        assertEquals(5, collect(container.exec(process("sh", "-c", "exit 5"))).status().statusCode());
        ContainerProcess sleeper = container.exec(process("sleep", "100"));
        sleeper.kill(15);
        assertEquals(143, collect(sleeper).status().statusCode());
    }

    @Test
    void execOfAMissingProgramFailsLikeRunc() {
        var e = assertThrows(ProcessStartException.class, () -> container.exec(process("/nonexistent")));
        assertEquals("exec: \"/nonexistent\": stat /nonexistent: no such file or directory", e.getMessage());
    }

    @Test
    void execOfAFileTheKernelCannotRunFailsAfterJoining() throws Exception {
        // the failure surfaces from posix_spawn, after the exec thread entered the container's namespaces
        collect(container.exec(process("sh", "-c", "echo garbage > /tmp/bad; chmod +x /tmp/bad")));
        var e = assertThrows(ProcessStartException.class, () -> container.exec(process("/tmp/bad")));
        assertEquals("exec /tmp/bad: exec format error", e.getMessage());
        assertEquals(ProcessStartException.Reason.NOT_EXECUTABLE, e.reason());
        assertEquals(0, collect(container.exec(process("true"))).status().code());
    }

    @Test
    void execIsInTheContainersCgroup() throws Exception {
        ContainerProcess p = container.exec(process("sleep", "100"));
        List<String> procs = Files.readAllLines(
                Path.of("/sys/fs/cgroup/memory", TestContainers.CGROUP_PARENT, spec.id(), "cgroup.procs"));
        assertTrue(procs.contains(Integer.toString(p.pid())), procs.toString());
        assertTrue(procs.contains(Integer.toString(container.pid())), procs.toString());
        assertEquals(Set.of(container.pid(), p.pid()), Set.copyOf(container.processIds()));
        p.kill(9);
        collect(p);
    }

    @Test
    void limitsAreApplied() throws Exception {
        Path memory = Path.of("/sys/fs/cgroup/memory", TestContainers.CGROUP_PARENT, spec.id());
        assertEquals("67108864", Files.readString(memory.resolve("memory.limit_in_bytes")).trim());
        Path cpu = Path.of("/sys/fs/cgroup/cpu", TestContainers.CGROUP_PARENT, spec.id());
        assertEquals("50000", Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim());
        assertEquals("100000", Files.readString(cpu.resolve("cpu.cfs_period_us")).trim());
        Path pids = Path.of("/sys/fs/cgroup/pids", TestContainers.CGROUP_PARENT, spec.id());
        assertEquals("20", Files.readString(pids.resolve("pids.max")).trim());

        // a process that overruns the limit is OOM-killed
        assertFalse(container.oomKilled());
        var r = collect(container.exec(process("sh", "-c", "head -c 200m /dev/zero | tail > /dev/null")));
        assertTrue(r.status().statusCode() != 0, r.toString());
        assertTrue(container.oomKilled());
        // forking beyond the pids limit fails inside the container (last: the sleeps outlive the shell)
        var forks = collect(container.exec(process("sh", "-c", "for i in $(seq 30); do sleep 1 & done; wait")));
        assertTrue(forks.stderr().contains("can't fork"), forks.stderr());
    }

    @Test
    void containerSeesItsOwnCgroupsReadOnly() throws Exception {
        var r = collect(container.exec(process("sh", "-c", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes; "
                + "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us; ls /sys/fs/cgroup | tr '\\n' ' '; echo; "
                + "echo 1 > /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || echo ro")));
        List<String> out = lines(r.stdout());
        assertEquals("67108864", out.get(0), r.stderr());
        assertEquals("50000", out.get(1));
        assertTrue(out.get(2).contains("memory") && out.get(2).contains("freezer"), out.get(2));
        assertEquals("ro", out.get(3));
    }

    @Test
    void statsReportTheContainersUsage() throws Exception {
        collect(container.exec(process("sh", "-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done")));
        ContainerStats s = container.stats();
        assertTrue(s.cpuTotalNanos() > 0, s.toString());
        assertEquals(s.onlineCpus(), s.cpuPerCpuNanos().size());
        assertTrue(s.cpuUserNanos() + s.cpuKernelNanos() > 0, s.toString());
        assertTrue(s.systemCpuNanos() > s.cpuTotalNanos());
        assertEquals(64L * 1024 * 1024, s.memoryLimitBytes());
        assertTrue(s.memoryUsageBytes() > 0 && s.memoryMaxUsageBytes() >= s.memoryUsageBytes(), s.toString());
        assertTrue(s.memoryStat().containsKey("rss"), s.memoryStat().toString());
        assertEquals(1, s.pids());
        assertEquals(20, s.pidsLimit());
        assertEquals(1, s.cgroupVersion());
        assertEquals(Map.of(), s.networks(), "only lo, which is left out");
    }

    @Test
    void updateRewritesTheLimitsOfTheRunningGroup() throws Exception {
        Path group = Path.of(TestContainers.CGROUP_PARENT, spec.id());
        Path memory = Path.of("/sys/fs/cgroup/memory").resolve(group);
        Path cpu = Path.of("/sys/fs/cgroup/cpu").resolve(group);
        Path pids = Path.of("/sys/fs/cgroup/pids").resolve(group);
        // raising memory above the current memory+swap limit needs memory+swap written first
        container.update(new Resources(512L << 20, 1L << 30, 1_500_000_000L, 0));
        assertEquals(Long.toString(512L << 20), Files.readString(memory.resolve("memory.limit_in_bytes")).trim());
        if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
            assertEquals(Long.toString(1L << 30), Files.readString(memory.resolve("memory.memsw.limit_in_bytes")).trim());
        }
        assertEquals("150000", Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim());
        assertEquals("max", Files.readString(pids.resolve("pids.max")).trim(), "0 lifts the earlier limit");
        assertEquals(0, container.stats().pidsLimit());

        // and lowering it needs memory first
        container.update(new Resources(32L << 20, 64L << 20, 0, 7, 512, 20_000, 50_000));
        assertEquals(Long.toString(32L << 20), Files.readString(memory.resolve("memory.limit_in_bytes")).trim());
        assertEquals("512", Files.readString(cpu.resolve("cpu.shares")).trim());
        assertEquals("20000", Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim());
        assertEquals("50000", Files.readString(cpu.resolve("cpu.cfs_period_us")).trim());
        assertEquals("7", Files.readString(pids.resolve("pids.max")).trim());
        assertEquals(32L << 20, container.stats().memoryLimitBytes());
    }

    @Test
    void pauseFreezesAndUnpauseThaws() throws Exception {
        Path state = Path.of("/sys/fs/cgroup/freezer", TestContainers.CGROUP_PARENT, spec.id(), "freezer.state");
        container.pause();
        assertEquals("FROZEN", Files.readString(state).trim());
        container.unpause();
        assertEquals("THAWED", Files.readString(state).trim());
        assertEquals(0, collect(container.exec(process("true"))).status().code());
    }

    @Test
    void execWithTerminal() throws Exception {
        ProcessSpec p = new ProcessSpec(List.of("sh", "-c", "tty; stty size"), TestContainers.ENV, "/", 0, 0,
                List.of(), true, new ProcessSpec.ConsoleSize(30, 100), false);
        ContainerProcess proc = container.exec(p);
        assertTrue(proc.hasTerminal());
        var r = collect(proc);
        assertEquals("/dev/pts/0\r\n30 100\r\n", r.stdout());
        proc.stdin().close();
    }

    @Test
    void terminalInputAndResize() throws Exception {
        ProcessSpec p = new ProcessSpec(List.of("sh", "-c", "read x; stty size; echo got:$x"), TestContainers.ENV,
                "/", 0, 0, List.of(), true, new ProcessSpec.ConsoleSize(10, 20), true);
        ContainerProcess proc = container.exec(p);
        proc.resize(40, 120);
        proc.stdin().write("abc\n".getBytes(StandardCharsets.US_ASCII));
        proc.stdin().flush();
        var r = collect(proc);
        assertTrue(r.stdout().endsWith("40 120\r\ngot:abc\r\n"), r.stdout());
        proc.stdin().close();
    }
}
