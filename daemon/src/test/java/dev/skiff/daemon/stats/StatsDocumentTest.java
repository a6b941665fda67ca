package dev.skiff.daemon.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.json.Json;
import dev.skiff.runtime.ContainerStats;
import dev.skiff.runtime.ContainerStats.NetworkCounters;
import dev.skiff.runtime.cgroup.BlkioEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsDocumentTest {
    private static final String ID = "e7bf29204adf80eb7906d8b94dd120b8fd34ca0164ba4bcb5cfbdc072d44554c";
    private static final Instant T0 = Instant.parse("2026-11-22T21:07:00.036162974Z");
    private static final Instant T1 = Instant.parse("2026-11-22T21:07:01.039777334Z");

    private static ContainerStats v1(long cpuTotal, long systemCpu) {
        return new ContainerStats(1, cpuTotal, List.of(cpuTotal / 2, cpuTotal - cpuTotal / 2), 30_000_000, 110_000_000,
                systemCpu, 2, 0, 0, 0, 327_680, 4_083_712, 25_276_063_744L, 0,
                Map.of("total_inactive_file", 4096L, "rss", 53_248L, "not_copied", 1L), 1, 0,
                List.of(new BlkioEntry(8, 0, "Read", 4096), new BlkioEntry(8, 0, "Write", 512)), List.of(),
                Map.of("eth0", new NetworkCounters(726, 9, 0, 0, 100, 1, 0, 0)));
    }

    private static JsonNode json(Map<String, Object> document) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(document));
    }

    @Test
    void aV1SampleHasDockerdsFieldsInGoOrder() throws Exception {
        Map<String, Object> doc = StatsDocument.render("/workbox", ID, new StatsSample(T1, v1(148_845_844, 1_847_360_000_000L)),
                new StatsSample(T0, v1(148_845_844, 1_845_360_000_000L)));
        assertEquals(List.of("read", "preread", "pids_stats", "blkio_stats", "num_procs", "storage_stats", "cpu_stats",
                "precpu_stats", "memory_stats", "name", "id", "networks"), List.copyOf(doc.keySet()));
        JsonNode j = json(doc);
        assertEquals("2026-11-22T21:07:01.039777334Z", j.get("read").asText());
        assertEquals("2026-11-22T21:07:00.036162974Z", j.get("preread").asText());
        assertEquals("{\"current\":1}", j.get("pids_stats").toString(), "a zero limit is left out");
        assertEquals("[{\"major\":8,\"minor\":0,\"op\":\"Read\",\"value\":4096},{\"major\":8,\"minor\":0,\"op\":\"Write\",\"value\":512}]",
                j.get("blkio_stats").get("io_service_bytes_recursive").toString());
        assertEquals("[]", j.get("blkio_stats").get("sectors_recursive").toString());
        assertEquals("{\"cpu_usage\":{\"total_usage\":148845844,\"percpu_usage\":[74422922,74422922],"
                + "\"usage_in_kernelmode\":30000000,\"usage_in_usermode\":110000000},\"system_cpu_usage\":1847360000000,"
                + "\"online_cpus\":2,\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}}",
                j.get("cpu_stats").toString());
        assertEquals(1_845_360_000_000L, j.get("precpu_stats").get("system_cpu_usage").asLong());
        JsonNode memory = j.get("memory_stats");
        assertEquals(List.of("usage", "max_usage", "stats", "limit"), fieldNames(memory), "failcnt 0 is left out");
        assertEquals(32, memory.get("stats").size());
        assertEquals("active_anon", memory.get("stats").fieldNames().next(), "keys sorted as Go sorts a map");
        assertEquals(4096, memory.get("stats").get("total_inactive_file").asLong());
        assertEquals(0, memory.get("stats").get("cache").asLong(), "a key the kernel did not list counts 0");
        assertFalse(memory.get("stats").has("not_copied"));
        assertEquals("{\"eth0\":{\"rx_bytes\":726,\"rx_packets\":9,\"rx_errors\":0,\"rx_dropped\":0,\"tx_bytes\":100,"
                + "\"tx_packets\":1,\"tx_errors\":0,\"tx_dropped\":0}}", j.get("networks").toString());
    }

    @Test
    void theFirstDocumentOfAStreamHasZeroPrecpuStats() throws Exception {
        JsonNode j = json(StatsDocument.render("/workbox", ID, new StatsSample(T1, v1(1, 2)), null));
        assertEquals("0001-01-01T00:00:00Z", j.get("preread").asText());
        assertEquals("{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}}",
                j.get("precpu_stats").toString());
    }

    @Test
    void aContainerThatDoesNotRunGetsZerosWithItsNameAndId() throws Exception {
        JsonNode j = json(StatsDocument.render("/stopped", ID, null, null));
        assertEquals("0001-01-01T00:00:00Z", j.get("read").asText());
        assertEquals("{}", j.get("pids_stats").toString());
        assertTrue(j.get("blkio_stats").get("io_service_bytes_recursive").isNull());
        assertEquals("{}", j.get("memory_stats").toString());
        assertEquals(0, j.get("cpu_stats").get("cpu_usage").get("total_usage").asLong());
        assertEquals("/stopped", j.get("name").asText());
        assertEquals(ID, j.get("id").asText());
        assertFalse(j.has("networks"));
    }

    @Test
    void aV2SampleCopiesV2KeysAndOnlyBytesOfBlkio() throws Exception {
        ContainerStats v2 = new ContainerStats(2, 5_000, List.of(), 1_000, 4_000, 10_000, 2, 3, 1, 70, 8192, 9000,
                1L << 26, 2, Map.of("anon", 4096L, "inactive_file", 100L), 2, 50,
                List.of(new BlkioEntry(8, 0, "read", 1), new BlkioEntry(8, 0, "write", 2)), List.of(), Map.of());
        JsonNode j = json(StatsDocument.render("/v2", ID, new StatsSample(T1, v2), null));
        assertEquals("{\"current\":2,\"limit\":50}", j.get("pids_stats").toString());
        assertEquals(2, j.get("blkio_stats").get("io_service_bytes_recursive").size());
        assertTrue(j.get("blkio_stats").get("io_serviced_recursive").isNull());
        assertFalse(j.get("cpu_stats").get("cpu_usage").has("percpu_usage"));
        JsonNode memory = j.get("memory_stats");
        assertEquals(List.of("usage", "stats", "failcnt", "limit"), fieldNames(memory), "no max_usage on v2");
        assertEquals(31, memory.get("stats").size());
        assertEquals(4096, memory.get("stats").get("anon").asLong());
        assertFalse(j.has("networks"), "no interface but lo");
    }

    /** The docker CLI's CPU % of two consecutive documents: container delta / host delta x CPUs x 100. */
    @Test
    void consecutiveDocumentsGiveTheCliItsCpuPercentage() throws Exception {
        // one of two CPUs busy for the whole second: 1e9 ns of the host's 2e9 ns
        StatsSample first = new StatsSample(T0, v1(5_000_000_000L, 100_000_000_000L));
        StatsSample second = new StatsSample(T1, v1(6_000_000_000L, 102_000_000_000L));
        JsonNode j = json(StatsDocument.render("/busy", ID, second, first));
        double cpuDelta = j.get("cpu_stats").get("cpu_usage").get("total_usage").asDouble()
                - j.get("precpu_stats").get("cpu_usage").get("total_usage").asDouble();
        double systemDelta = j.get("cpu_stats").get("system_cpu_usage").asDouble()
                - j.get("precpu_stats").get("system_cpu_usage").asDouble();
        assertEquals(100.0, cpuDelta / systemDelta * j.get("cpu_stats").get("online_cpus").asInt() * 100, 1e-9);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
