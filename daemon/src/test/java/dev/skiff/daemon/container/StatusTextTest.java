package dev.skiff.daemon.container;

import dev.skiff.daemon.logs.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusTextTest {
    private static final Instant NOW = Instant.parse("2026-11-22T21:05:10Z");

    @Test
    void humanDurationMatchesGoUnits() {
        assertEquals("Less than a second", StatusText.humanDuration(Duration.ofMillis(999)));
        assertEquals("1 second", StatusText.humanDuration(Duration.ofSeconds(1)));
        assertEquals("59 seconds", StatusText.humanDuration(Duration.ofSeconds(59)));
        assertEquals("About a minute", StatusText.humanDuration(Duration.ofSeconds(119)));
        assertEquals("2 minutes", StatusText.humanDuration(Duration.ofMinutes(2)));
        assertEquals("59 minutes", StatusText.humanDuration(Duration.ofMinutes(59)));
        assertEquals("About an hour", StatusText.humanDuration(Duration.ofMinutes(89)));
        assertEquals("2 hours", StatusText.humanDuration(Duration.ofMinutes(90)));
        assertEquals("47 hours", StatusText.humanDuration(Duration.ofHours(47)));
        assertEquals("2 days", StatusText.humanDuration(Duration.ofHours(48)));
        assertEquals("2 weeks", StatusText.humanDuration(Duration.ofDays(14)));
        assertEquals("2 months", StatusText.humanDuration(Duration.ofDays(60)));
        assertEquals("2 years", StatusText.humanDuration(Duration.ofDays(730)));
    }

    @Test
    void statusColumnPerState() {
        Instant started = NOW.minusSeconds(5);
        ContainerState running = ContainerState.CREATED.running(42, started);
        assertEquals("Up 5 seconds", StatusText.of(running, NOW));
        assertEquals("Up 5 seconds (Paused)", StatusText.of(running.withStatus(ContainerStatus.PAUSED), NOW));
        ContainerState exited = running.exited(ContainerStatus.EXITED, 3, NOW.minusSeconds(120));
        assertEquals("Exited (3) 2 minutes ago", StatusText.of(exited, NOW));
        assertEquals("Restarting (1) Less than a second ago",
                StatusText.of(running.exited(ContainerStatus.RESTARTING, 1, NOW), NOW));
        assertEquals("Created", StatusText.of(ContainerState.CREATED, NOW));
        assertEquals("Created", StatusText.of(ContainerState.CREATED.startFailed(127, "boom"), NOW));
        assertEquals("Dead", StatusText.of(exited.withStatus(ContainerStatus.DEAD), NOW));
        assertEquals(Timestamps.ZERO, running.finishedAt());
    }
}
