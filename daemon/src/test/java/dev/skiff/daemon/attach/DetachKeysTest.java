package dev.skiff.daemon.attach;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetachKeysTest {
    @Test
    void parsesDockersSyntax() {
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse(null).sequence());
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse("").sequence());
        assertArrayEquals(new byte[] {24}, DetachKeys.parse("ctrl-x").sequence());
        assertArrayEquals(new byte[] {0, 27, 28, 29, 30, 31, 'a', ' '},
                DetachKeys.parse("ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_,a, ").sequence());
    }

    @Test
    void refusesUnknownKeys() {
        assertEquals("Unknown character: 'ctrl-1'",
                assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-P"));
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ab"));
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("a,"));
    }

    private static String feed(DetachKeys.Matcher m, ByteArrayOutputStream out, String s, boolean detaches) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(detaches, m.filter(b, 0, b.length, out));
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSequenceIsHeldBackAndNeverPassedOn() throws IOException {
        DetachKeys.Matcher m = DetachKeys.parse(null).matcher();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals("ls\r", feed(m, out, "ls\r\u0010", false));
        assertEquals("ls\r", feed(m, out, "\u0011after", true), "the detach drops the rest");
    }

    @Test
    void aBrokenSequenceIsOrdinaryInput() throws IOException {
        DetachKeys.Matcher m = DetachKeys.parse(null).matcher();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals("a", feed(m, out, "a\u0010", false));
        assertEquals("a\u0010b", feed(m, out, "b", false));
        assertEquals("a\u0010b\u0010", feed(m, out, "\u0010\u0010", false), "a repeated first key restarts the match");
        assertTrue(m.filter(new byte[] {17}, 0, 1, out));
        assertEquals("a\u0010b\u0010", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void withoutTheSequenceEverythingPasses() throws IOException {
        DetachKeys.Matcher m = DetachKeys.parse("ctrl-x").matcher();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(m.filter("echo hi\r".getBytes(StandardCharsets.US_ASCII), 0, 8, out));
        assertEquals("echo hi\r", out.toString(StandardCharsets.US_ASCII));
    }
}
