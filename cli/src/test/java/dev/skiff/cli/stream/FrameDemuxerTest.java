package dev.skiff.cli.stream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameDemuxerTest {
    static byte[] frame(int stream, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + data.length];
        out[0] = (byte) stream;
        out[4] = (byte) (data.length >>> 24);
        out[5] = (byte) (data.length >>> 16);
        out[6] = (byte) (data.length >>> 8);
        out[7] = (byte) data.length;
        System.arraycopy(data, 0, out, 8, data.length);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Hands out one byte per read, like a stream cut at the worst places. */
    static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void recordedFrameFromRunRm() throws IOException {
        byte[] wire = {1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n'};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(3, FrameDemuxer.demux(new ByteArrayInputStream(wire), out, err));
        assertEquals("hi\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(0, err.size());
    }

    @Test
    void routesStdoutAndStderrRegardlessOfReadBoundaries() throws IOException {
        String big = "x".repeat(70_000);
        byte[] wire = concat(frame(1, "to-stdout\n"), frame(2, "to-stderr\n"), frame(1, big), frame(2, ""),
                frame(2, "é\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FrameDemuxer.demux(trickle(wire), out, err);
        assertEquals("to-stdout\n" + big, out.toString(StandardCharsets.UTF_8));
        assertEquals("to-stderr\né\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void truncatedFramesAreErrors() {
        byte[] cutHeader = {1, 0, 0};
        byte[] cutPayload = concat(frame(1, "abc"), new byte[] {2, 0, 0, 0, 0, 0, 0, 9, 'x'});
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThrows(EOFException.class, () -> FrameDemuxer.demux(new ByteArrayInputStream(cutHeader), sink, sink));
        assertThrows(EOFException.class, () -> FrameDemuxer.demux(new ByteArrayInputStream(cutPayload), sink, sink));
    }

    @Test
    void unknownStreamTypeIsAnError() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThrows(IOException.class,
                () -> FrameDemuxer.demux(new ByteArrayInputStream(frame(7, "?")), sink, sink));
    }
}
