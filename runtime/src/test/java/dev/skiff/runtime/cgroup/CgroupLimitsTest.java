package dev.skiff.runtime.cgroup;

import dev.skiff.runtime.Resources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CgroupLimitsTest {
    @Test
    void nanoCpusBecomeAQuotaPerHundredMilliseconds() {
        assertEquals(new CpuQuota(150_000, 100_000), CpuQuota.fromNanoCpus(1_500_000_000L));
        assertEquals(new CpuQuota(50_000, 100_000), CpuQuota.fromNanoCpus(500_000_000L));
        assertEquals("250000 100000", CpuQuota.fromNanoCpus(2_500_000_000L).cpuMax());
    }

    @Test
    void tinyQuotasAreRaisedToTheKernelMinimum() {
        assertEquals(1_000, CpuQuota.fromNanoCpus(1_000_000L).quotaMicros());
        assertThrows(IllegalArgumentException.class, () -> CpuQuota.fromNanoCpus(0));
    }

    @Test
    void explicitQuotaAndPeriodPassThroughAndAZeroQuotaIsUnlimited() {
        assertEquals(new CpuQuota(20_000, 50_000), CpuQuota.of(new Resources(0, 0, 0, 0, 0, 20_000, 50_000)));
        assertEquals("max 50000", CpuQuota.of(new Resources(0, 0, 0, 0, 0, 0, 50_000)).cpuMax());
        assertEquals(null, CpuQuota.of(Resources.NONE));
        assertEquals(1, CpuQuota.weightOfShares(2));
        assertEquals(10_000, CpuQuota.weightOfShares(262_144));
    }

    @Test
    void swapDefaultsToAsMuchAsMemory() {
        MemoryLimit limit = MemoryLimit.of(new Resources(100, 0, 0));
        assertEquals("200", limit.memswLimit());
        assertEquals("100", limit.swapMax());
    }

    @Test
    void explicitAndUnlimitedSwap() {
        assertEquals("50", MemoryLimit.of(new Resources(100, 150, 0)).swapMax());
        assertEquals("max", MemoryLimit.of(new Resources(100, -1, 0)).swapMax());
        assertEquals("-1", MemoryLimit.of(new Resources(100, -1, 0)).memswLimit());
    }
}
