package dev.skiff.daemon.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Expected strings are what Go's time.Format prints for the same times. */
class GoTimeTest {

    @Test
    void rfc3339NanoTrimsTrailingZerosOfTheFraction() {
        assertEquals("2026-11-22T21:06:14.151159127Z", GoTime.rfc3339Nano(Instant.parse("2026-11-22T21:06:14.151159127Z")));
        assertEquals("2026-11-22T21:06:14.15Z", GoTime.rfc3339Nano(Instant.parse("2026-11-22T21:06:14.150Z")));
        assertEquals("2026-11-22T21:06:14.1Z", GoTime.rfc3339Nano(Instant.parse("2026-11-22T21:06:14.100000000Z")));
        assertEquals("2026-11-22T21:06:14.01Z", GoTime.rfc3339Nano(Instant.parse("2026-11-22T21:06:14.010Z")));
        assertEquals("2026-11-22T21:06:14.000000001Z", GoTime.rfc3339Nano(Instant.parse("2026-11-22T21:06:14.000000001Z")));
        assertEquals("2026-11-22T21:06:14.12345Z", GoTime.rfc3339Nano(Instant.parse("2026-11-22T21:06:14.123450Z")));
    }

    @Test
    void aWholeSecondHasNoFraction() {
        assertEquals("2026-11-22T21:06:14Z", GoTime.rfc3339Nano(Instant.parse("2026-11-22T21:06:14Z")));
        assertEquals("1970-01-01T00:00:00Z", GoTime.rfc3339Nano(Instant.EPOCH));
    }

    @Test
    void theZeroTimeAndATimeNeverSetPrintAsGosZeroTime() {
        assertEquals("0001-01-01T00:00:00Z", GoTime.rfc3339Nano(GoTime.ZERO));
        assertEquals("0001-01-01T00:00:00Z", GoTime.rfc3339Nano((Instant) null));
        assertEquals(-62135596800L, GoTime.ZERO.getEpochSecond());
    }

    @Test
    void timesBeforeTheEpochAndFarAway() {
        assertEquals("1969-12-31T23:59:59.5Z", GoTime.rfc3339Nano(Instant.ofEpochSecond(-1, 500_000_000)));
        assertEquals("0099-03-04T05:06:07Z", GoTime.rfc3339Nano(Instant.parse("0099-03-04T05:06:07Z")));
        assertEquals("10000-01-01T00:00:00Z", GoTime.rfc3339Nano(Instant.parse("+10000-01-01T00:00:00Z")));
        assertEquals("-0001-12-31T00:00:00Z", GoTime.rfc3339Nano(Instant.parse("-0001-12-31T00:00:00Z")));
    }

    @Test
    void anOffsetIsKeptAndUtcIsZ() {
        assertEquals("2015-10-31T23:07:52.13+01:00", GoTime.rfc3339Nano(OffsetDateTime.parse("2015-10-31T23:07:52.130+01:00")));
        assertEquals("2015-10-31T23:07:52-08:00", GoTime.rfc3339Nano(OffsetDateTime.parse("2015-10-31T23:07:52-08:00")));
        assertEquals("2015-10-31T23:07:52+05:30", GoTime.rfc3339Nano(OffsetDateTime.parse("2015-10-31T23:07:52+05:30")));
        assertEquals("2015-10-31T23:07:52Z", GoTime.rfc3339Nano(OffsetDateTime.parse("2015-10-31T23:07:52+00:00")));
        // Go prints the hours and minutes of an offset only
        assertEquals("2015-10-31T23:07:52-00:30", GoTime.rfc3339Nano(
                OffsetDateTime.of(2015, 10, 31, 23, 7, 52, 0, ZoneOffset.ofTotalSeconds(-(30 * 60 + 15)))));
    }

    @Test
    void rfc3339NanoFixedAlwaysHasNineFractionDigits() {
        assertEquals("2026-11-22T21:06:32.450000000Z", GoTime.rfc3339NanoFixed(Instant.parse("2026-11-22T21:06:32.45Z")));
        assertEquals("2026-11-22T21:06:32.000000000Z", GoTime.rfc3339NanoFixed(Instant.parse("2026-11-22T21:06:32Z")));
        assertEquals("2026-11-22T21:06:32.000000007Z", GoTime.rfc3339NanoFixed(Instant.parse("2026-11-22T21:06:32.000000007Z")));
        assertEquals("0001-01-01T00:00:00.000000000Z", GoTime.rfc3339NanoFixed(GoTime.ZERO));
    }

    @Test
    void aStoredTimeThatCannotBeReadIsTheZeroTime() {
        assertEquals(OffsetDateTime.parse("2015-10-31T23:07:52.1+01:00"), GoTime.parseRfc3339OrZero("2015-10-31T23:07:52.1+01:00"));
        assertEquals(GoTime.ZERO, GoTime.parseRfc3339OrZero("").toInstant());
        assertEquals(GoTime.ZERO, GoTime.parseRfc3339OrZero(null).toInstant());
        assertEquals(GoTime.ZERO, GoTime.parseRfc3339OrZero("yesterday").toInstant());
        assertEquals("0001-01-01T00:00:00Z", GoTime.rfc3339Nano(GoTime.parseRfc3339OrZero("yesterday")));
    }

    @Test
    void parseUtcReadsWhatRfc3339NanoWritesAndNothingElse() {
        for (String t : new String[] {"2026-11-22T21:06:14Z", "2026-11-22T21:06:14.43Z", "2026-11-22T21:06:14.123456789Z",
                "0001-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00.5Z"}) {
            Instant parsed = GoTime.parseUtc(t);
            assertEquals(Instant.parse(t), parsed, t);
            assertEquals(t, GoTime.rfc3339Nano(parsed));
        }
        for (String t : new String[] {"2026-11-22T21:06:14", "2026-11-22T21:06:14.Z", "2026-11-22T21:06:14.1234567890Z",
                "2026-13-22T21:06:14Z", "2026-02-30T21:06:14Z", "2026-11-22T24:06:14Z", "2026-11-22 21:06:14Z",
                "2026-11-22T21:06:14+01:00", "2026-1a-22T21:06:14Z", ""}) {
            assertNull(GoTime.parseUtc(t), t);
        }
    }
}
