package dev.skiff.daemon.logs;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogOptionsTest {
    @Test
    void sizesAreBinaryLikeGoUnits() {
        assertEquals(10L << 20, LogOptions.parseSize("10m"));
        assertEquals(512L << 10, LogOptions.parseSize("512k"));
        assertEquals(1L << 30, LogOptions.parseSize("1g"));
        assertEquals(1000, LogOptions.parseSize("1000"));
        assertEquals(3L << 19, LogOptions.parseSize("1.5MB"));
        assertThrows(EngineException.class, () -> LogOptions.parseSize("ten"));
    }

    @Test
    void readsDaemonLogOpts() {
        assertEquals(new LogOptions(10L << 20, 3), LogOptions.parse(Map.of("max-size", "10m", "max-file", "3")));
        assertEquals(LogOptions.UNLIMITED, LogOptions.parse(Map.of()));
        assertThrows(EngineException.class, () -> LogOptions.parse(Map.of("max-file", "0")));
        assertThrows(EngineException.class, () -> LogOptions.parse(Map.of("max-file", "2")));
        assertThrows(EngineException.class, () -> LogOptions.parse(Map.of("bogus", "1")));
    }
}
