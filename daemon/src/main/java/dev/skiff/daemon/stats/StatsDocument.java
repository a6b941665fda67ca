package dev.skiff.daemon.stats;

import dev.skiff.daemon.time.GoTime;
import dev.skiff.runtime.ContainerStats;
import dev.skiff.runtime.ContainerStats.NetworkCounters;
import dev.skiff.runtime.cgroup.BlkioEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Engine API's stats document ({@code types.StatsJSON}) as dockerd 20.10 encodes it: Go's field order,
 * Go's omitempty (zero numbers, empty maps and lists left out where the type says so), map keys sorted, and
 * the memory.stat keys dockerd copies for each cgroup version. A document without a current sample is
 * dockerd's answer for a container that does not run: zeros, name and id.
 */
public final class StatsDocument {
    /** The memory.stat keys dockerd copies on cgroup v1 (statsV1); a missing one counts 0. */
    private static final List<String> V1_MEMORY_KEYS = List.of("cache", "rss", "rss_huge", "mapped_file", "dirty",
            "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault", "inactive_anon", "active_anon", "inactive_file",
            "active_file", "unevictable", "hierarchical_memory_limit", "hierarchical_memsw_limit", "total_cache",
            "total_rss", "total_rss_huge", "total_mapped_file", "total_dirty", "total_writeback", "total_pgpgin",
            "total_pgpgout", "total_pgfault", "total_pgmajfault", "total_inactive_anon", "total_active_anon",
            "total_inactive_file", "total_active_file", "total_unevictable");
    /** The same on cgroup v2 (statsV2). */
    private static final List<String> V2_MEMORY_KEYS = List.of("anon", "file", "kernel_stack", "slab", "sock",
            "shmem", "file_mapped", "file_dirty", "file_writeback", "anon_thp", "inactive_anon", "active_anon",
            "inactive_file", "active_file", "unevictable", "slab_reclaimable", "slab_unreclaimable", "pgfault",
            "pgmajfault", "workingset_refault", "workingset_activate", "workingset_nodereclaim", "pgrefill", "pgscan",
            "pgsteal", "pgactivate", "pgdeactivate", "pglazyfree", "pglazyfreed", "thp_fault_alloc",
            "thp_collapse_alloc");
    private static final List<String> BLKIO_FIELDS = List.of("io_service_bytes_recursive", "io_serviced_recursive",
            "io_queue_recursive", "io_service_time_recursive", "io_wait_time_recursive", "io_merged_recursive",
            "io_time_recursive", "sectors_recursive");

    private StatsDocument() {
    }

    /**
     * @param current  this reading, or null when the container does not run
     * @param previous the reading sent before it on the same stream (its CPU numbers become
     *                 {@code precpu_stats}), or null
     */
    public static Map<String, Object> render(String name, String id, StatsSample current, StatsSample previous) {
        ContainerStats s = current == null ? null : current.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", GoTime.rfc3339Nano(current == null ? null : current.read()));
        m.put("preread", GoTime.rfc3339Nano(previous == null ? null : previous.read()));
        m.put("pids_stats", s == null ? Map.of() : pids(s));
        m.put("blkio_stats", blkio(s));
        m.put("num_procs", 0);
        m.put("storage_stats", Map.of());
        m.put("cpu_stats", cpu(s));
        m.put("precpu_stats", cpu(previous == null ? null : previous.stats()));
        m.put("memory_stats", s == null ? Map.of() : memory(s));
        m.put("name", name);
        m.put("id", id);
        if (s != null && !s.networks().isEmpty()) {
            m.put("networks", networks(s.networks()));
        }
        return m;
    }

    private static Map<String, Object> pids(ContainerStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        putNonZero(m, "current", s.pids());
        putNonZero(m, "limit", s.pidsLimit());
        return m;
    }

    /** v1 lists every counter ([] when empty); v2 only bytes, null when there are none, as dockerd does. */
    private static Map<String, Object> blkio(ContainerStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String field : BLKIO_FIELDS) {
            m.put(field, null);
        }
        if (s == null) {
            return m;
        }
        if (s.cgroupVersion() == 1) {
            for (String field : BLKIO_FIELDS) {
                m.put(field, List.of());
            }
            m.put("io_service_bytes_recursive", entries(s.ioServiceBytes()));
            m.put("io_serviced_recursive", entries(s.ioServiced()));
        } else if (!s.ioServiceBytes().isEmpty()) {
            m.put("io_service_bytes_recursive", entries(s.ioServiceBytes()));
        }
        return m;
    }

    private static List<Map<String, Object>> entries(List<BlkioEntry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BlkioEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("major", e.major());
            m.put("minor", e.minor());
            m.put("op", e.op());
            m.put("value", e.value());
            out.add(m);
        }
        return out;
    }

    /** {@code types.CPUStats}; zeros for no sample. */
    private static Map<String, Object> cpu(ContainerStats s) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_usage", s == null ? 0 : s.cpuTotalNanos());
        if (s != null && !s.cpuPerCpuNanos().isEmpty()) {
            usage.put("percpu_usage", s.cpuPerCpuNanos());
        }
        usage.put("usage_in_kernelmode", s == null ? 0 : s.cpuKernelNanos());
        usage.put("usage_in_usermode", s == null ? 0 : s.cpuUserNanos());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_usage", usage);
        if (s != null) {
            putNonZero(m, "system_cpu_usage", s.systemCpuNanos());
            putNonZero(m, "online_cpus", s.onlineCpus());
        }
        Map<String, Object> throttling = new LinkedHashMap<>();
        throttling.put("periods", s == null ? 0 : s.throttlingPeriods());
        throttling.put("throttled_periods", s == null ? 0 : s.throttledPeriods());
        throttling.put("throttled_time", s == null ? 0 : s.throttledNanos());
        m.put("throttling_data", throttling);
        return m;
    }

    private static Map<String, Object> memory(ContainerStats s) {
        boolean v1 = s.cgroupVersion() == 1;
        Map<String, Long> stat = new TreeMap<>();
        for (String key : v1 ? V1_MEMORY_KEYS : V2_MEMORY_KEYS) {
            stat.put(key, s.memoryStat().getOrDefault(key, 0L));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        putNonZero(m, "usage", s.memoryUsageBytes());
        if (v1) { // dockerd 20.10 reports no peak on v2
            putNonZero(m, "max_usage", s.memoryMaxUsageBytes());
        }
        m.put("stats", stat);
        putNonZero(m, "failcnt", s.memoryFailcnt());
        putNonZero(m, "limit", s.memoryLimitBytes());
        return m;
    }

    private static Map<String, Object> networks(Map<String, NetworkCounters> networks) {
        Map<String, Object> out = new TreeMap<>();
        networks.forEach((name, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rx_bytes", n.rxBytes());
            m.put("rx_packets", n.rxPackets());
            m.put("rx_errors", n.rxErrors());
            m.put("rx_dropped", n.rxDropped());
            m.put("tx_bytes", n.txBytes());
            m.put("tx_packets", n.txPackets());
            m.put("tx_errors", n.txErrors());
            m.put("tx_dropped", n.txDropped());
            out.put(name, m);
        });
        return out;
    }

    private static void putNonZero(Map<String, Object> m, String key, long value) {
        if (value != 0) {
            m.put(key, value);
        }
    }
}
