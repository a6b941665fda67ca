package dev.skiff.daemon.container;

import dev.skiff.daemon.filters.FilterTime;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.filters.Filters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContainerQueriesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T21:00:00Z");

    private static ContainerRecord record(String id, String name, int minute, ContainerState s, Map<String, String> labels) {
        ContainerConfig c = new ContainerConfig("h", "", "", false, false, false, Map.of("80/tcp", Map.of()), false,
                false, false, null, List.of("sh"), "busybox", null, "", null, null, labels, null, null);
        HostConfig h = new HostConfig(null, null, null, Map.of("80/tcp", List.of(Map.of("HostIp", "", "HostPort", "8080"))), false,
                null, false, null, 0, 0, 0, 0, 0, 0, null);
        return new ContainerRecord(id, T0.plusSeconds(60L * minute), name, "sh", List.of(), c, h, "sha256:img",
                List.of("/l"), 0, s, 0, s.hasStarted(), false);
    }

    private final ContainerRecord runit = record("a1" + "0".repeat(62), "runit", 1,
            ContainerState.CREATED.running(1, T0).exited(ContainerStatus.EXITED, 0, T0), Map.of());
    private final ContainerRecord rundit = record("b2" + "0".repeat(62), "rundit", 2,
            ContainerState.CREATED.running(2, T0), Map.of("tier", "demo"));
    private final ContainerRecord paused = record("c3" + "0".repeat(62), "paused1", 3,
            ContainerState.CREATED.running(3, T0).withStatus(ContainerStatus.PAUSED), Map.of("tier", "demo"));
    private final List<ContainerRecord> all = List.of(runit, rundit, paused);

    private List<String> names(String filters, boolean includeStopped, int limit) {
        ContainerQueries q = new ContainerQueries(Filters.parse(filters), ref -> all.stream()
                .filter(r -> r.name().equals(ref)).findFirst()
                .orElseThrow(() -> EngineException.notFound("No such container: " + ref)),
                ref -> ref.equals("busybox") ? "sha256:img" : null, T0);
        return q.select(all, includeStopped, limit).stream().map(ContainerRecord::name).toList();
    }

    @Test
    void newestFirstRunningOnlyUnlessAskedAndLimit() {
        assertEquals(List.of("paused1", "rundit"), names(null, false, -1));
        assertEquals(List.of("paused1", "rundit", "runit"), names(null, true, -1));
        assertEquals(List.of("paused1"), names(null, true, 1));
    }

    @Test
    void filtersAsDockerd() {
        assertEquals(List.of("runit"), names("{\"status\":{\"exited\":true}}", true, -1));
        assertEquals(List.of("paused1"), names("{\"status\":{\"paused\":true}}", false, -1));
        assertEquals(List.of("rundit", "runit"), names("{\"name\":{\"ru\":true}}", true, -1));
        assertEquals(List.of("paused1", "rundit"), names("{\"label\":{\"tier=demo\":true}}", true, -1));
        assertEquals(List.of("runit"), names("{\"exited\":{\"0\":true}}", true, -1));
        assertEquals(List.of("runit"), names("{\"before\":{\"rundit\":true}}", true, -1));
        assertEquals(List.of("paused1"), names("{\"since\":{\"rundit\":true}}", true, -1));
        assertEquals(List.of("paused1", "rundit"), names("{\"ancestor\":{\"busybox\":true},\"publish\":{\"8080\":true}}", false, -1));
        assertEquals(List.of("paused1", "rundit"), names("{\"expose\":{\"80\":true}}", false, -1));
        assertEquals(List.of("rundit"), names("{\"id\":{\"b2\":true}}", false, -1));
        assertEquals(List.of(), names("{\"is-task\":{\"true\":true}}", false, -1));
    }

    @Test
    void invalidValuesAreRejected() {
        assertEquals("Unrecognised filter value for status: sleeping",
                assertThrows(EngineException.class, () -> names("{\"status\":{\"sleeping\":true}}", true, -1)).getMessage());
        assertEquals("No such container: nosuch",
                assertThrows(EngineException.class, () -> names("{\"before\":{\"nosuch\":true}}", true, -1)).getMessage());
    }

    @Test
    void untilTimesAreDurationsUnixSecondsOrRfc3339() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertEquals(Instant.parse("2026-11-22T10:30:00Z"), FilterTime.parse("1h30m", now));
        assertEquals(Instant.ofEpochSecond(1577836800), FilterTime.parse("1577836800", now));
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), FilterTime.parse("2020-01-01T00:00:00Z", now));
        assertThrows(EngineException.class, () -> FilterTime.parse("soon", now));
    }
}
