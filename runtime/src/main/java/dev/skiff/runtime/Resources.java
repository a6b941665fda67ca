package dev.skiff.runtime;

/**
 * Resource limits of a container's cgroup. Zero means "not set", as in the Engine API.
 *
 * @param memoryBytes     memory limit in bytes
 * @param memorySwapBytes memory plus swap limit in bytes: 0 = twice {@code memoryBytes} (dockerd's
 *                        default), -1 = unlimited swap; ignored without a memory limit
 * @param nanoCpus        CPU limit in units of 1e-9 CPUs (1.5 CPUs = 1_500_000_000); applied as a CFS
 *                        quota over a 100 ms period
 * @param pidsLimit       maximum number of tasks; 0 or -1 = unlimited (as the Engine API's PidsLimit)
 * @param cpuShares       relative CPU weight (cgroup v1 cpu.shares, 1024 = default); 0 = the kernel's default
 * @param cpuQuotaMicros  CFS quota per period in microseconds when {@code nanoCpus} is not set; -1 = unlimited
 * @param cpuPeriodMicros CFS period in microseconds when {@code nanoCpus} is not set; 0 = the kernel's 100 ms
 */
public record Resources(long memoryBytes, long memorySwapBytes, long nanoCpus, long pidsLimit, long cpuShares,
                        long cpuQuotaMicros, long cpuPeriodMicros) {
    public static final Resources NONE = new Resources(0, 0, 0, 0);

    public Resources {
        if (memoryBytes < 0 || nanoCpus < 0 || memorySwapBytes < -1 || pidsLimit < -1 || cpuShares < 0
                || cpuQuotaMicros < -1 || cpuPeriodMicros < 0) {
            throw new IllegalArgumentException("negative resource limit");
        }
        if (memoryBytes > 0 && memorySwapBytes > 0 && memorySwapBytes < memoryBytes) {
            throw new IllegalArgumentException("memory+swap limit must not be below the memory limit");
        }
        if (nanoCpus > 0 && (cpuQuotaMicros != 0 || cpuPeriodMicros != 0)) {
            throw new IllegalArgumentException("nanoCpus and a CFS quota or period cannot both be set");
        }
    }

    /** Memory, CPU and pids limits without CPU shares or an explicit CFS quota. */
    public Resources(long memoryBytes, long memorySwapBytes, long nanoCpus, long pidsLimit) {
        this(memoryBytes, memorySwapBytes, nanoCpus, pidsLimit, 0, 0, 0);
    }

    /** Limits without a pids limit. */
    public Resources(long memoryBytes, long memorySwapBytes, long nanoCpus) {
        this(memoryBytes, memorySwapBytes, nanoCpus, 0);
    }
}
