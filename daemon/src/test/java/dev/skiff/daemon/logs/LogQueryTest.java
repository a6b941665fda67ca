package dev.skiff.daemon.logs;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogQueryTest {
    @Test
    void sinceAndUntilAreUnixSecondsWithAnOptionalFraction() {
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), LogQuery.parseTime("since", "1577836800.000000000"));
        assertEquals(Instant.ofEpochSecond(1795381593), LogQuery.parseTime("since", "1795381593"));
        assertEquals(Instant.ofEpochSecond(1, 500_000_000), LogQuery.parseTime("since", "1.5"));
        assertNull(LogQuery.parseTime("since", "0"));
        assertNull(LogQuery.parseTime("since", null));
        assertThrows(EngineException.class, () -> LogQuery.parseTime("since", "yesterday"));
        assertThrows(EngineException.class, () -> LogQuery.parseTime("until", "1.1234567890"));
    }

    @Test
    void tailIsACountOrAll() {
        assertEquals(5, LogQuery.parseTail("5"));
        assertEquals(0, LogQuery.parseTail("0"));
        assertEquals(LogQuery.ALL, LogQuery.parseTail("all"));
        assertEquals(LogQuery.ALL, LogQuery.parseTail("-3"));
        assertEquals(LogQuery.ALL, LogQuery.parseTail(null));
    }
}
