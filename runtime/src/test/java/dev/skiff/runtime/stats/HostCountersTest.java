package dev.skiff.runtime.stats;

import dev.skiff.runtime.ContainerStats.NetworkCounters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostCountersTest {
    private static final String PROC_STAT = """
            cpu  232086 0 27657 195069 1369 0 611 1160 0 0
            cpu0 115783 0 13177 98940 308 0 219 578 0 0
            cpu1 116303 0 14480 96129 1061 0 391 581 0 0
            intr 12345
            """;

    @Test
    void systemCpuSumsTheFirstSevenStatesInNanoseconds() {
        // steal, guest and guest_nice are left out, as dockerd does
        assertEquals((232086L + 27657 + 195069 + 1369 + 611) * 10_000_000L, HostCounters.systemCpuNanos(PROC_STAT));
        assertEquals(2, HostCounters.onlineCpus(PROC_STAT));
    }

    @Test
    void memTotalIsInBytes() {
        assertEquals(24683656L * 1024, HostCounters.memTotalBytes("MemTotal:       24683656 kB\nMemFree: 1 kB\n"));
    }

    @Test
    void netDevSkipsHeadersAndLoopback() {
        String netDev = """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo: 4591908449  153573    0    0    0     0          0         0 4591908449  153573    0    0    0     0       0          0
                  eth0:     726       9    1    2    0     0          0         0      100       3    4    5    0     0       0          0
                """;
        assertEquals(Map.of("eth0", new NetworkCounters(726, 9, 1, 2, 100, 3, 4, 5)), NetDev.parse(netDev));
    }
}
