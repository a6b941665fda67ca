package dev.skiff.cli.stream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Splits the multiplexed stdout/stderr stream of a non-TTY container: frames of an 8-byte header
 * (stream type, three zero bytes, big-endian uint32 length) followed by the payload. Frames are
 * read from the byte stream, independent of how reads or HTTP chunks happen to be cut.
 */
public final class FrameDemuxer {
    private static final int HEADER = 8;
    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final int STDERR = 2;

    private FrameDemuxer() {
    }

    /** Copies payloads to {@code out} or {@code err} until the stream ends; returns the payload bytes copied. */
    public static long demux(InputStream in, OutputStream out, OutputStream err) throws IOException {
        byte[] header = new byte[HEADER];
        byte[] buffer = new byte[32 * 1024];
        long total = 0;
        while (readHeader(in, header)) {
            int type = header[0] & 0xff;
            long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16)
                    | ((header[6] & 0xffL) << 8) | (header[7] & 0xffL);
            OutputStream target = switch (type) {
                case STDIN, STDOUT -> out;
                case STDERR -> err;
                default -> throw new IOException("unrecognized stream type " + type + " in multiplexed stream");
            };
            copy(in, target, length, buffer);
            target.flush();
            total += length;
        }
        return total;
    }

    /** False at a clean end between frames; a stream cut inside a header is an error. */
    private static boolean readHeader(InputStream in, byte[] header) throws IOException {
        int read = 0;
        while (read < HEADER) {
            int n = in.read(header, read, HEADER - read);
            if (n < 0) {
                if (read == 0) {
                    return false;
                }
                throw new EOFException("stream ended inside a frame header");
            }
            read += n;
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream target, long length, byte[] buffer) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("stream ended inside a frame payload");
            }
            target.write(buffer, 0, n);
            remaining -= n;
        }
    }
}
