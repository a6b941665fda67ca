package dev.skiff.daemon.logs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

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
}
