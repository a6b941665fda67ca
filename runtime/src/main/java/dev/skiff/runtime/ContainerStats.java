package dev.skiff.runtime;

import dev.skiff.runtime.cgroup.BlkioEntry;

import java.util.List;
import java.util.Map;

/**
 * One sample of a running container's resource usage, with the raw numbers dockerd's stats endpoint
 * reports. CPU times are cumulative nanoseconds; the daemon computes rates from two samples.
 *
 * @param cgroupVersion       1 or 2: which hierarchy the numbers come from (the keys of {@code memoryStat}
 *                            and the blkio counters differ)
 * @param cpuTotalNanos       CPU time of all the container's processes
 * @param cpuPerCpuNanos      the same per CPU (empty on cgroup v2, which does not account it)
 * @param cpuKernelNanos      of which in kernel mode
 * @param cpuUserNanos        of which in user mode
 * @param systemCpuNanos      CPU time of the whole host (all CPUs, all states), for the percentage
 * @param onlineCpus          CPUs of the host
 * @param throttlingPeriods   CFS periods that elapsed with a quota
 * @param throttledPeriods    periods in which the container hit its quota
 * @param throttledNanos      time it spent throttled
 * @param memoryUsageBytes    memory in use (including page cache)
 * @param memoryMaxUsageBytes highest usage seen (0 where the kernel does not record it)
 * @param memoryLimitBytes    the memory limit, or the host's memory when there is none
 * @param memoryFailcnt       how often usage hit the limit (v1 memory.failcnt; v2: oom events)
 * @param memoryStat          the memory controller's memory.stat, key by key
 * @param pids                number of tasks in the container
 * @param pidsLimit           the tasks limit, 0 without one
 * @param ioServiceBytes      bytes transferred per block device and operation
 * @param ioServiced          I/O operations per block device and operation (v1 only; empty on v2)
 * @param networks            counters per network interface of the container (without lo)
 */
public record ContainerStats(int cgroupVersion, long cpuTotalNanos, List<Long> cpuPerCpuNanos, long cpuKernelNanos,
                             long cpuUserNanos, long systemCpuNanos, int onlineCpus, long throttlingPeriods,
                             long throttledPeriods, long throttledNanos, long memoryUsageBytes,
                             long memoryMaxUsageBytes, long memoryLimitBytes, long memoryFailcnt,
                             Map<String, Long> memoryStat, long pids, long pidsLimit,
                             List<BlkioEntry> ioServiceBytes, List<BlkioEntry> ioServiced,
                             Map<String, NetworkCounters> networks) {

    /** /proc/net/dev counters of one interface. */
    public record NetworkCounters(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long txBytes,
                                  long txPackets, long txErrors, long txDropped) {
    }
}
