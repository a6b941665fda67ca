package dev.skiff.api.units;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HumanUnitsTest {
    @Test
    void durationsReadLikeGoUnits() {
        assertEquals("Less than a second", HumanUnits.duration(Duration.ofMillis(999)));
        assertEquals("Less than a second", HumanUnits.duration(Duration.ofSeconds(-3)));
        assertEquals("1 second", HumanUnits.duration(Duration.ofMillis(1500)));
        assertEquals("59 seconds", HumanUnits.duration(Duration.ofSeconds(59)));
        assertEquals("About a minute", HumanUnits.duration(Duration.ofSeconds(119)));
        assertEquals("2 minutes", HumanUnits.duration(Duration.ofSeconds(120)));
        assertEquals("59 minutes", HumanUnits.duration(Duration.ofMinutes(59)));
        assertEquals("About an hour", HumanUnits.duration(Duration.ofMinutes(89)));
        assertEquals("2 hours", HumanUnits.duration(Duration.ofMinutes(90)), "hours are rounded");
        assertEquals("47 hours", HumanUnits.duration(Duration.ofHours(47)));
        assertEquals("2 days", HumanUnits.duration(Duration.ofHours(48)));
        assertEquals("13 days", HumanUnits.duration(Duration.ofDays(13)));
        assertEquals("2 weeks", HumanUnits.duration(Duration.ofDays(14)));
        assertEquals("8 weeks", HumanUnits.duration(Duration.ofDays(59)));
        assertEquals("2 months", HumanUnits.duration(Duration.ofDays(60)));
        assertEquals("24 months", HumanUnits.duration(Duration.ofDays(729)));
        assertEquals("2 years", HumanUnits.duration(Duration.ofDays(730)));
    }

    @Test
    void decimalSizesWithPrecision() {
        assertEquals("0B", HumanUnits.size(0, 3));
        assertEquals("999B", HumanUnits.size(999, 3));
        assertEquals("1kB", HumanUnits.size(1000, 3));
        assertEquals("1.98MB", HumanUnits.size(1_978_000, 3));
        assertEquals("4.26MB", HumanUnits.size(4_265_000, 3), "4.265 is 4.26499... in binary; Go rounds that");
        assertEquals("12.3kB", HumanUnits.size(12_345, 3));
        assertEquals("12.35kB", HumanUnits.size(12_345, 4));
        assertEquals("1e+03kB", HumanUnits.size(999_999, 3), "Go's %g switches to exponent form");
        assertEquals("3.46kB", HumanUnits.size(3_456, 3));
    }

    @Test
    void binarySizes() {
        assertEquals("23.54GiB", HumanUnits.bytesSize(25_275_158_528.0));
        assertEquals("512MiB", HumanUnits.bytesSize(512.0 * 1024 * 1024));
        assertEquals("1023B", HumanUnits.bytesSize(1023));
    }

    @Test
    void goFloatG() {
        assertEquals("0.0001", GoFloat.g(0.0001, 3));
        assertEquals("1e-05", GoFloat.g(0.00001, 3));
        assertEquals("100", GoFloat.g(100, 3));
        assertEquals("2.5", GoFloat.g(2.5, 3));
        assertEquals("0.12", GoFloat.g(0.125, 2), "an exact tie rounds half to even");
        assertEquals("0.13", GoFloat.g(0.13, 2));
    }
}
