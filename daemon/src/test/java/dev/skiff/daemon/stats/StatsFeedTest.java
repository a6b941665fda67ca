package dev.skiff.daemon.stats;

import dev.skiff.daemon.container.ContainerService.StatsTarget;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.runtime.ContainerStats;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsFeedTest {
    private static final String ID = "ab".repeat(32);
    private static final Duration TICK = Duration.ofMillis(20);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);

    /** A container whose CPU time grows by 1000 ns per reading. */
    private static StatsTarget.UsageReader counting() {
        AtomicInteger reads = new AtomicInteger();
        return () -> {
            long n = reads.incrementAndGet();
            return new ContainerStats(1, n * 1000, List.of(), 0, 0, n * 10_000, 2, 0, 0, 0, 4096, 0, 1L << 30, 0,
                    Map.of(), 1, 0, List.of(), List.of(), Map.of());
        };
    }

    /** The container runs for {@code running} lookups, is then stopped for {@code stopped} more, then removed. */
    private static Function<String, StatsTarget> lifecycle(int running, int stopped) {
        StatsTarget.UsageReader usage = counting();
        AtomicInteger lookups = new AtomicInteger();
        return id -> {
            int n = lookups.incrementAndGet();
            if (n > running + stopped) {
                throw EngineException.notFound("No such container: " + id);
            }
            return new StatsTarget(ID, "/box", n <= running ? usage : null);
        };
    }

    @SuppressWarnings("unchecked")
    private static long totalUsage(Map<String, Object> doc, String cpu) {
        return ((Number) ((Map<String, Object>) ((Map<String, Object>) doc.get(cpu)).get("cpu_usage"))
                .get("total_usage")).longValue();
    }

    @Test
    void aStreamChainsEachReadingToTheNextAndEndsWhenTheContainerIsRemoved() throws Exception {
        StatsFeed feed = new StatsFeed(lifecycle(3, 2), ID, clock, TICK);
        List<Map<String, Object>> docs = new ArrayList<>();
        feed.stream(docs::add);
        assertEquals(5, docs.size(), "three while running, two while stopped, none once removed");
        assertEquals(0, totalUsage(docs.get(0), "precpu_stats"));
        assertEquals(1000, totalUsage(docs.get(0), "cpu_stats"));
        assertEquals(1000, totalUsage(docs.get(1), "precpu_stats"));
        assertEquals(3000, totalUsage(docs.get(2), "cpu_stats"));
        // stopped: zeros, whose predecessor is still the last reading, then zeros after zeros
        assertEquals("0001-01-01T00:00:00Z", docs.get(3).get("read"));
        assertEquals(3000, totalUsage(docs.get(3), "precpu_stats"));
        assertEquals("0001-01-01T00:00:00Z", docs.get(4).get("preread"));
        assertEquals("/box", docs.get(4).get("name"));
    }

    @Test
    void cancellingEndsAStreamAtOnce() throws Exception {
        StatsFeed feed = new StatsFeed(id -> new StatsTarget(ID, "/box", counting()), ID, clock, Duration.ofHours(1));
        List<Map<String, Object>> docs = new ArrayList<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                feed.stream(docs::add);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(done.isDone());
        feed.cancel();
        done.get(5, TimeUnit.SECONDS);
        assertEquals(1, docs.size(), "the first document goes out at once");
    }

    @Test
    void noStreamIsPrimedWithAnEarlierReadingUnlessOneShot() throws Exception {
        Map<String, Object> primed = new StatsFeed(lifecycle(2, 0), ID, clock, TICK).single(false);
        assertEquals(1000, totalUsage(primed, "precpu_stats"));
        assertEquals(2000, totalUsage(primed, "cpu_stats"));
        assertEquals("2026-11-23T01:00:00Z", primed.get("preread"));

        Map<String, Object> oneShot = new StatsFeed(lifecycle(1, 0), ID, clock, Duration.ofHours(1)).single(true);
        assertEquals(0, totalUsage(oneShot, "precpu_stats"));
        assertEquals(1000, totalUsage(oneShot, "cpu_stats"));
        assertEquals("0001-01-01T00:00:00Z", oneShot.get("preread"));
    }

    @Test
    void aContainerThatDoesNotRunAnswersZerosWithoutWaiting() throws Exception {
        Map<String, Object> doc = new StatsFeed(lifecycle(0, 1), ID, clock, Duration.ofHours(1)).single(false);
        assertEquals("0001-01-01T00:00:00Z", doc.get("read"));
        assertEquals(Map.of(), doc.get("memory_stats"));
        assertEquals(ID, doc.get("id"));
    }

    @Test
    void aReadingThatFailsBecauseTheContainerJustExitedCountsAsStopped() throws Exception {
        StatsTarget.UsageReader gone = () -> {
            throw new java.nio.file.NoSuchFileException("/sys/fs/cgroup/memory/skiff/x/memory.stat");
        };
        Map<String, Object> doc = new StatsFeed(id -> new StatsTarget(ID, "/box", gone), ID, clock, TICK).single(true);
        assertEquals("0001-01-01T00:00:00Z", doc.get("read"));
        assertTrue(doc.containsKey("precpu_stats"));
    }
}
