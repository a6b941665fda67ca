package dev.skiff.daemon.api;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventRoutesTest {
    @Test
    void unixTimesWithAndWithoutFraction() {
        assertEquals(1795381732_000_000_000L, EventRoutes.unixNanos("1795381732", "since"));
        assertEquals(1795381732_500_000_000L, EventRoutes.unixNanos("1795381732.5", "since"));
        assertEquals(1795381732_123456789L, EventRoutes.unixNanos("1795381732.123456789", "since"));
        assertThrows(EngineException.class, () -> EventRoutes.unixNanos("10m", "since"));
    }
}
