package dev.skiff.daemon.container;

import dev.skiff.daemon.time.GoTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusTextTest {
    private static final Instant NOW = Instant.parse("2026-11-22T21:05:10Z");

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
        assertEquals(GoTime.ZERO, running.finishedAt());
    }
}
