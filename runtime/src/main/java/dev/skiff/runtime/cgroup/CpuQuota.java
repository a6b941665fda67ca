package dev.skiff.runtime.cgroup;

/**
 * A CFS bandwidth limit: {@code quotaMicros} of CPU time per {@code periodMicros}, the way dockerd turns
 * NanoCpus into a quota (period 100 ms, quota = nanoCpus * period / 1e9).
 */
public record CpuQuota(long quotaMicros, long periodMicros) {
    public static final long DEFAULT_PERIOD_MICROS = 100_000;
    /** The kernel rejects quotas below 1 ms. */
    public static final long MIN_QUOTA_MICROS = 1_000;

    public static CpuQuota fromNanoCpus(long nanoCpus) {
        if (nanoCpus <= 0) {
            throw new IllegalArgumentException("nanoCpus must be positive: " + nanoCpus);
        }
        long quota = nanoCpus * DEFAULT_PERIOD_MICROS / 1_000_000_000L;
        return new CpuQuota(Math.max(quota, MIN_QUOTA_MICROS), DEFAULT_PERIOD_MICROS);
    }

    /** The cgroup v2 {@code cpu.max} value. */
    public String cpuMax() {
        return quotaMicros + " " + periodMicros;
    }
}
