package dev.skiff.daemon.logs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JsonLogCodecTest {
    private static final Instant T = Instant.parse("2026-11-22T21:06:14.43Z");

    @Test
    void encodesDockerdsJsonFileLine() {
        LogEntry e = new LogEntry("stdout", "out 1\n".getBytes(StandardCharsets.UTF_8), T);
        assertEquals("{\"log\":\"out 1\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-22T21:06:14.43Z\"}\n",
                new String(JsonLogCodec.encode(e), StandardCharsets.UTF_8));
    }

    @Test
    void decodesWhatItEncodesAndSkipsGarbage() {
        LogEntry e = new LogEntry("stderr", "tab\there \"quoted\" \u00e9\n".getBytes(StandardCharsets.UTF_8), T);
        byte[] line = JsonLogCodec.encode(e);
        LogEntry back = JsonLogCodec.decode(line, 0, line.length - 1);
        assertEquals("stderr", back.stream());
        assertEquals(T, back.time());
        assertArrayEquals(e.line(), back.line());
        byte[] junk = "{\"log\":1".getBytes(StandardCharsets.UTF_8);
        assertNull(JsonLogCodec.decode(junk, 0, junk.length));
    }

    @Test
    void anyLineComesBackAsItsUtf8WithMalformedBytesReplaced() {
        Random random = new Random(5);
        byte[][] samples = {
                "plain\n".getBytes(StandardCharsets.UTF_8),
                "\u0000\u0001\u001f\"\\/\b\f\r\t\u007f".getBytes(StandardCharsets.UTF_8),
                "caf\u00e9 \u20ac \ud83d\ude00 <tag> & done\n".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xff, 'a', (byte) 0xc3, (byte) 0x28, (byte) 0xe2, (byte) 0x82, '\n'},
                new byte[0]};
        List<byte[]> lines = new ArrayList<>(List.of(samples));
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(b);
            lines.add(b);
        }
        for (int nanos : new int[] {0, 430_000_000, 123_456_789, 1}) {
            Instant t = T.plusNanos(nanos);
            for (byte[] line : lines) {
                byte[] record = JsonLogCodec.encode(new LogEntry("stdout", line, t));
                LogEntry back = JsonLogCodec.decode(record, 0, record.length - 1);
                assertArrayEquals(new String(line, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), back.line());
                assertEquals(t, back.time());
                assertEquals("stdout", back.stream());
            }
        }
    }

    @Test
    void recordsInOtherLayoutsAndEscapesAreReadToo() {
        String[][] cases = {
                // field order and spacing of other writers
                {"{\"stream\":\"stderr\",\"log\":\"x\\n\",\"time\":\"2026-11-22T21:06:14.43Z\"}", "x\n", "stderr"},
                {"{ \"log\" : \"y\", \"stream\" : \"stdout\", \"time\" : \"2026-11-22T21:06:14.43Z\" }", "y", "stdout"},
                // Go escapes <, > and & as \\u003c, \\u003e, \\u0026; a character beyond the BMP as a surrogate pair
                {"{\"log\":\"\\u003ca\\u003e \\u0026 \\ud83d\\ude00 \\/\",\"stream\":\"stdout\",\"time\":\"2026-11-22T21:06:14.43Z\"}",
                        "<a> & \ud83d\ude00 /", "stdout"},
                // a time with an offset
                {"{\"log\":\"z\",\"stream\":\"stdout\",\"time\":\"2026-11-22T22:06:14.43+01:00\"}", "z", "stdout"}};
        for (String[] c : cases) {
            byte[] record = c[0].getBytes(StandardCharsets.UTF_8);
            LogEntry e = JsonLogCodec.decode(record, 0, record.length);
            assertEquals(c[1], new String(e.line(), StandardCharsets.UTF_8), c[0]);
            assertEquals(c[2], e.stream());
            assertEquals(T, e.time());
        }
        for (String bad : new String[] {"{\"log\":\"a\\q\",\"stream\":\"stdout\",\"time\":\"2026-11-22T21:06:14.43Z\"}",
                "{\"log\":\"a\",\"stream\":\"stdout\",\"time\":\"yesterday\"}", "{\"log\":\"a\",\"stream\":\"stdout\"}", ""}) {
            byte[] record = bad.getBytes(StandardCharsets.UTF_8);
            assertNull(JsonLogCodec.decode(record, 0, record.length), bad);
        }
    }
}
