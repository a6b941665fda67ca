package dev.skiff.daemon.stream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiplexedFramesTest {
    @Test
    void headerIsStreamIdThreeZerosAndBigEndianLength() {
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 3}, MultiplexedFrames.header(StreamType.STDOUT, 3));
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 1, 0, 0}, MultiplexedFrames.header(StreamType.STDERR, 65536));
    }

    @Test
    void frameCarriesThePayloadAfterTheHeaderAsRecordedFromDockerd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] hi = "xhi\n".getBytes(StandardCharsets.UTF_8);
        MultiplexedFrames.write(out, StreamType.STDOUT, hi, 1, 3);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n'}, out.toByteArray());
    }

    @Test
    void ttyOutputIsRaw() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StdioWriter(out, true).write(StreamType.STDOUT, "out\r\n".getBytes(StandardCharsets.UTF_8), 0, 5);
        assertEquals("out\r\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hubDropsAFailingSubscriberAndEndsTheOthersAtTheEndOfTheRun() {
        OutputHub hub = new OutputHub();
        List<String> got = new ArrayList<>();
        boolean[] ended = new boolean[2];
        hub.subscribe(new OutputSubscriber() {
            @Override
            public void output(StreamType s, byte[] d, int off, int len) throws IOException {
                throw new IOException("client gone");
            }

            @Override
            public void end() {
                ended[0] = true;
            }
        });
        hub.subscribe(new OutputSubscriber() {
            @Override
            public void output(StreamType s, byte[] d, int off, int len) {
                got.add(s + ":" + new String(d, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void end() {
                ended[1] = true;
            }
        });
        hub.publish(StreamType.STDERR, "e".getBytes(StandardCharsets.UTF_8), 0, 1);
        assertTrue(ended[0]);
        assertEquals(List.of("STDERR:e"), got);
        hub.endRun();
        assertTrue(ended[1]);
        hub.publish(StreamType.STDOUT, "late".getBytes(StandardCharsets.UTF_8), 0, 4);
        assertEquals(List.of("STDERR:e"), got, "an ended subscriber gets nothing more");
    }
}
