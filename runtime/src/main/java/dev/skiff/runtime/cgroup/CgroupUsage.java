package dev.skiff.runtime.cgroup;

import java.util.List;
import java.util.Map;

/**
 * What a container's cgroup reports about its usage (see {@link dev.skiff.runtime.ContainerStats} for the
 * meaning of each number). {@code memoryLimitBytes} is {@link Long#MAX_VALUE} without a limit.
 */
public record CgroupUsage(int cgroupVersion, long cpuTotalNanos, List<Long> cpuPerCpuNanos, long cpuKernelNanos,
                          long cpuUserNanos, long throttlingPeriods, long throttledPeriods, long throttledNanos,
                          long memoryUsageBytes, long memoryMaxUsageBytes, long memoryLimitBytes,
                          long memoryFailcnt, Map<String, Long> memoryStat, long pids, long pidsLimit,
                          List<BlkioEntry> ioServiceBytes, List<BlkioEntry> ioServiced) {
}
