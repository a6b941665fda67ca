package dev.skiff.daemon.logs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds where the last lines of a file begin by reading it backwards in blocks, so that the cost of
 * a tail depends on the lines wanted, not on the size of the file. A line is a run of bytes ended by
 * a newline; bytes after the last newline (a record still being written) are no line.
 */
final class TailScanner {
    static final int BLOCK_SIZE = 64 << 10;

    /**
     * @param start offset of the first of the lines found (just after the newline before it, or 0)
     * @param lines how many complete lines lie between {@code start} and the end given; fewer than
     *              asked for when the file holds fewer
     */
    record Tail(long start, int lines) {
    }

    private TailScanner() {
    }

    /** The last {@code wanted} lines of the first {@code end} bytes of {@code file}. */
    static Tail find(FileChannel file, long end, int wanted) throws IOException {
        return find(file, end, wanted, BLOCK_SIZE);
    }

    static Tail find(FileChannel file, long end, int wanted, int blockSize) throws IOException {
        if (wanted < 0) {
            throw new IllegalArgumentException("negative line count");
        }
        ByteBuffer block = ByteBuffer.allocate((int) Math.max(1, Math.min(blockSize, end)));
        byte[] bytes = block.array();
        int newlines = 0;
        long blockStart = end;
        while (blockStart > 0) {
            int len = (int) Math.min(bytes.length, blockStart);
            blockStart -= len;
            readFully(file, block.clear().limit(len), blockStart);
            for (int i = len - 1; i >= 0; i--) {
                if (bytes[i] != '\n') {
                    continue;
                }
                // the newline ending the line before the wanted ones: they start right after it
                if (newlines == wanted) {
                    return new Tail(blockStart + i + 1, wanted);
                }
                newlines++;
            }
        }
        return new Tail(0, newlines);
    }

    private static void readFully(FileChannel file, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = file.read(into, position);
            if (n < 0) {
                throw new EOFException("log file shorter than when opened");
            }
            position += n;
        }
    }
}
