package dev.skiff.daemon.logs;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimestampsTest {
    @Test
    void rfc3339NanoTrimsTrailingZerosLikeGo() {
        assertEquals("2026-11-22T21:06:14.151159127Z", Timestamps.rfc3339Nano(Instant.parse("2026-11-22T21:06:14.151159127Z")));
        assertEquals("2026-11-22T21:06:14.15Z", Timestamps.rfc3339Nano(Instant.parse("2026-11-22T21:06:14.150Z")));
        assertEquals("2026-11-22T21:06:14Z", Timestamps.rfc3339Nano(Instant.parse("2026-11-22T21:06:14Z")));
        assertEquals("0001-01-01T00:00:00Z", Timestamps.rfc3339Nano(Timestamps.ZERO));
    }

    @Test
    void fixedFormatAlwaysHasNineDigits() {
        assertEquals("2026-11-22T21:06:32.450000000Z", Timestamps.rfc3339NanoFixed(Instant.parse("2026-11-22T21:06:32.45Z")));
    }

    @Test
    void unixSecondsWithOptionalFractionAsTheCliSendsThem() {
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), Timestamps.parseUnix("since", "1577836800.000000000"));
        assertEquals(Instant.ofEpochSecond(1795381593), Timestamps.parseUnix("since", "1795381593"));
        assertEquals(Instant.ofEpochSecond(1, 500_000_000), Timestamps.parseUnix("since", "1.5"));
        assertNull(Timestamps.parseUnix("since", "0"));
        assertNull(Timestamps.parseUnix("since", null));
        assertThrows(EngineException.class, () -> Timestamps.parseUnix("since", "yesterday"));
    }
}
