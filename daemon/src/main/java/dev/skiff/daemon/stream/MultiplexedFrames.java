package dev.skiff.daemon.stream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The 8-byte frame header of multiplexed stdout/stderr (attach and logs without a TTY):
 * stream id, three zero bytes, payload length as a big-endian uint32.
 */
public final class MultiplexedFrames {
    public static final int HEADER_SIZE = 8;

    private MultiplexedFrames() {
    }

    public static byte[] header(StreamType stream, int length) {
        return new byte[] {(byte) stream.id(), 0, 0, 0,
                (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    /** Writes one frame (header and payload in a single write, so it travels in one piece). */
    public static void write(OutputStream out, StreamType stream, byte[] payload, int off, int len) throws IOException {
        byte[] frame = new byte[HEADER_SIZE + len];
        System.arraycopy(header(stream, len), 0, frame, 0, HEADER_SIZE);
        System.arraycopy(payload, off, frame, HEADER_SIZE, len);
        out.write(frame);
    }
}
