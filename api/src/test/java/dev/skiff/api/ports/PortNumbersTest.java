package dev.skiff.api.ports;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortNumbersTest {
    @Test
    void decimalNumbersUpTo65535() {
        assertEquals(0, PortNumbers.parse("0"));
        assertEquals(80, PortNumbers.parse("80"));
        assertEquals(65535, PortNumbers.parse("65535"));
        for (String bad : new String[] {"", "65536", "123456", "-1", "8o", "+80", " 80", "\u0668\u0660"}) {
            assertEquals(-1, PortNumbers.parse(bad), bad);
        }
    }
}
