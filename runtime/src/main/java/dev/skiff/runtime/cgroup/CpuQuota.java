package dev.skiff.runtime.cgroup;

import dev.skiff.runtime.Resources;

/**
 * A CFS bandwidth limit: {@code quotaMicros} of CPU time per {@code periodMicros} ({@code quotaMicros} -1 =
 * unlimited, {@code periodMicros} 0 = leave the kernel's), the way dockerd turns NanoCpus into a quota
 * (period 100 ms, quota = nanoCpus * period / 1e9) or passes CpuQuota/CpuPeriod through.
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

    /** The bandwidth limit the resources ask for, or null when they set none. */
    public static CpuQuota of(Resources resources) {
        if (resources.nanoCpus() > 0) {
            return fromNanoCpus(resources.nanoCpus());
        }
        if (resources.cpuQuotaMicros() == 0 && resources.cpuPeriodMicros() == 0) {
            return null;
        }
        return new CpuQuota(resources.cpuQuotaMicros() == 0 ? -1 : resources.cpuQuotaMicros(),
                resources.cpuPeriodMicros());
    }

    /** The cgroup v2 {@code cpu.max} value. */
    public String cpuMax() {
        return (quotaMicros < 0 ? "max" : Long.toString(quotaMicros)) + " "
                + (periodMicros == 0 ? DEFAULT_PERIOD_MICROS : periodMicros);
    }

    /** cgroup v2's {@code cpu.weight} (1..10000) for v1 {@code cpu.shares} (2..262144), as runc converts it. */
    public static long weightOfShares(long shares) {
        long clamped = Math.max(2, Math.min(262_144, shares));
        return 1 + ((clamped - 2) * 9999) / 262_142;
    }
}
