package dev.skiff.runtime;

import dev.skiff.runtime.cgroup.CgroupUsage;
import dev.skiff.runtime.cgroup.ContainerCgroup;
import dev.skiff.runtime.process.ChildProcess;
import dev.skiff.runtime.spawn.ProcessExecutor;
import dev.skiff.runtime.stats.HostCounters;
import dev.skiff.runtime.stats.NetDev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A container this runtime started: its first process plus cgroup and exec access. */
final class RunningContainer implements Container {
    private final ContainerSpec spec;
    private final ChildProcess init;
    private final ContainerCgroup cgroup;
    private final ProcessExecutor executor;

    RunningContainer(ContainerSpec spec, ChildProcess init, ContainerCgroup cgroup, ProcessExecutor executor) {
        this.spec = spec;
        this.init = init;
        this.cgroup = cgroup;
        this.executor = executor;
    }

    @Override
    public ContainerSpec spec() {
        return spec;
    }

    @Override
    public ContainerProcess exec(ProcessSpec process) throws ProcessStartException {
        if (init.exit().isDone()) {
            throw new IllegalStateException("container " + spec.id() + " is not running");
        }
        return executor.exec(init, cgroup, process);
    }

    @Override
    public List<Integer> processIds() throws IOException {
        List<Integer> pids = new ArrayList<>(cgroup.pids());
        // a start or exec thread of this daemon that has just ended may still be listed for a moment
        pids.remove(Integer.valueOf((int) ProcessHandle.current().pid()));
        return pids;
    }

    @Override
    public ContainerStats stats() throws IOException {
        CgroupUsage u = cgroup.usage();
        String procStat = HostCounters.procStat();
        long memTotal = HostCounters.memTotalBytes(HostCounters.meminfo());
        return new ContainerStats(u.cgroupVersion(), u.cpuTotalNanos(), u.cpuPerCpuNanos(), u.cpuKernelNanos(),
                u.cpuUserNanos(), HostCounters.systemCpuNanos(procStat), HostCounters.onlineCpus(procStat),
                u.throttlingPeriods(), u.throttledPeriods(), u.throttledNanos(), u.memoryUsageBytes(),
                u.memoryMaxUsageBytes(), Math.min(u.memoryLimitBytes(), memTotal), u.memoryFailcnt(),
                u.memoryStat(), u.pids(), u.pidsLimit(), u.ioServiceBytes(), u.ioServiced(), NetDev.read(init.pid()));
    }

    @Override
    public void update(Resources resources) throws IOException {
        cgroup.update(resources);
    }

    @Override
    public boolean oomKilled() throws IOException {
        return cgroup.oomKills() > 0;
    }

    @Override
    public void pause() throws IOException {
        cgroup.freeze();
    }

    @Override
    public void unpause() throws IOException {
        cgroup.thaw();
    }

    @Override
    public int pid() {
        return init.pid();
    }

    @Override
    public OutputStream stdin() {
        return init.stdin();
    }

    @Override
    public InputStream stdout() {
        return init.stdout();
    }

    @Override
    public InputStream stderr() {
        return init.stderr();
    }

    @Override
    public boolean hasTerminal() {
        return init.hasTerminal();
    }

    @Override
    public void resize(int rows, int cols) throws IOException {
        init.resize(rows, cols);
    }

    @Override
    public void kill(int signal) throws IOException {
        init.kill(signal);
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
        return init.exit();
    }
}
