package dev.skiff.cli.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkedStreamsTest {
    private static InputStream decode(String wire) {
        return new ChunkedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void decodesChunksExtensionsAndTrailers() throws IOException {
        InputStream in = decode("5\r\nhello\r\nA;name=v\r\n, world!!!\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT");
        assertEquals("hello, world!!!", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        assertEquals(-1, in.read(), "stays at end after the last chunk");
    }

    @Test
    void upperCaseHexSizes() throws IOException {
        String data = "x".repeat(0x1F);
        assertEquals(data, new String(decode("1F\r\n" + data + "\r\n0\r\n\r\n").readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void rejectsMalformedFraming() {
        assertThrows(IOException.class, () -> decode("zz\r\nabc\r\n0\r\n\r\n").readAllBytes());
        assertThrows(IOException.class, () -> decode("3\r\nabcX\r\n0\r\n\r\n").readAllBytes());
        assertThrows(IOException.class, () -> decode("3\r\nab").readAllBytes());
        assertThrows(IOException.class, () -> decode("3\r\nabc\r\n").readAllBytes());
    }

    @Test
    void encoderOutputDecodesToTheSameBytes() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream out = new ChunkedOutputStream(wire);
        out.write("first".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[0]); // must not end the body early
        out.write('!');
        out.write("second part".getBytes(StandardCharsets.UTF_8));
        out.finish();
        assertEquals("5\r\nfirst\r\n1\r\n!\r\nb\r\nsecond part\r\n0\r\n\r\n", wire.toString(StandardCharsets.US_ASCII));
        assertEquals("first!second part", new String(decode(wire.toString(StandardCharsets.ISO_8859_1)).readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
