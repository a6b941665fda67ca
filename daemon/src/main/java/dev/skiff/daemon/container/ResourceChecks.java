package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

/** dockerd's checks of a container's resource limits at create and at update, with its messages. */
final class ResourceChecks {
    /** dockerd's smallest memory limit (linuxMinMemory). */
    static final long MIN_MEMORY = 6 * 1024 * 1024;

    private ResourceChecks() {
    }

    /**
     * @param update an update request: a swap limit may come without a memory limit (the container has one)
     * @param cpus   the host's CPUs, the most {@code nanoCpus} may ask for
     */
    static void verify(long memory, long memorySwap, long nanoCpus, long cpuShares, long cpuPeriod, long cpuQuota,
                       boolean update, int cpus) {
        if (memory != 0 && memory < MIN_MEMORY) {
            throw EngineException.invalidParameter("Minimum memory limit allowed is 6MB");
        }
        if (memory > 0 && memorySwap > 0 && memorySwap < memory) {
            throw EngineException.invalidParameter(
                    "Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (memory == 0 && memorySwap > 0 && !update) {
            throw EngineException.invalidParameter(
                    "You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (nanoCpus > 0 && cpuPeriod > 0) {
            throw EngineException.invalidParameter("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if (nanoCpus > 0 && cpuQuota > 0) {
            throw EngineException.invalidParameter("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        }
        // dockerd leaves a quota under 1 ms (below 0.01 CPUs) to the kernel to refuse; refused here with its range
        if (nanoCpus < 0 || nanoCpus > cpus * 1_000_000_000L || (nanoCpus > 0 && nanoCpus < 10_000_000L)) {
            throw EngineException.invalidParameter("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only "
                    + cpus + " CPUs available");
        }
        if (cpuShares < 0) {
            throw EngineException.invalidParameter("shares: invalid argument"); // runc's refusal, at once
        }
        if (cpuPeriod != 0 && (cpuPeriod < 1000 || cpuPeriod > 1_000_000)) {
            throw EngineException.invalidParameter(
                    "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        if (cpuQuota > 0 && cpuQuota < 1000) {
            throw EngineException.invalidParameter("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
    }
}
