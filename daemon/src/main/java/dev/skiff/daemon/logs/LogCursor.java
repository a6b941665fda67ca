package dev.skiff.daemon.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads whole records from a json-file log that may still be growing. A record counts only once its
 * newline is there; the bytes of a record being written stay buffered until the next read.
 */
final class LogCursor implements AutoCloseable {
    /** Receives decoded records; may fail with I/O errors of its own (a client gone). */
    interface Consumer {
        void accept(LogEntry e) throws IOException;
    }

    private final FileChannel channel;
    private final ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
    private byte[] pending = new byte[0];

    private LogCursor(FileChannel channel) {
        this.channel = channel;
    }

    /** A cursor at the start of {@code file}, or null when the file does not exist. */
    static LogCursor open(Path file) throws IOException {
        try {
            return new LogCursor(FileChannel.open(file, StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Decodes every complete record available now. */
    void readAvailable(Consumer consumer) throws IOException {
        while (true) {
            chunk.clear();
            int n = channel.read(chunk);
            if (n <= 0) {
                return;
            }
            byte[] data = new byte[pending.length + n];
            System.arraycopy(pending, 0, data, 0, pending.length);
            System.arraycopy(chunk.array(), 0, data, pending.length, n);
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    LogEntry e = JsonLogCodec.decode(data, start, i - start);
                    if (e != null) {
                        consumer.accept(e);
                    }
                    start = i + 1;
                }
            }
            pending = Arrays.copyOfRange(data, start, data.length);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
