package dev.skiff.daemon.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding the last lines of a file by reading it backwards, whatever the block size. */
class TailScannerTest {
    @TempDir
    Path dir;

    private static final String LINES = "first line\nsecond\n\nfourth, after an empty one\nfifth\n";

    private TailScanner.Tail find(String content, int wanted, int blockSize) throws IOException {
        Path f = dir.resolve("log");
        Files.writeString(f, content);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            return TailScanner.find(ch, ch.size(), wanted, blockSize);
        }
    }

    /** What reading from the tail's start up to the end gives. */
    private String tailOf(String content, int wanted, int blockSize) throws IOException {
        TailScanner.Tail t = find(content, wanted, blockSize);
        String text = content.substring((int) t.start());
        // the bytes after the last newline are no line
        return text.substring(0, text.lastIndexOf('\n') + 1);
    }

    @Test
    void findsTheLastLinesWithAnyBlockSize() throws IOException {
        // block sizes from one byte (every line spans blocks) to larger than the file
        for (int block : new int[] {1, 2, 3, 5, 7, 11, 16, 64, 1 << 16}) {
            assertEquals("fifth\n", tailOf(LINES, 1, block), "block " + block);
            assertEquals("fourth, after an empty one\nfifth\n", tailOf(LINES, 2, block), "block " + block);
            assertEquals("\nfourth, after an empty one\nfifth\n", tailOf(LINES, 3, block), "block " + block);
            assertEquals(new TailScanner.Tail(11, 4), find(LINES, 4, block), "block " + block);
            assertEquals(new TailScanner.Tail(0, 5), find(LINES, 5, block), "block " + block);
        }
    }

    @Test
    void aLineEndingExactlyAtABlockBoundaryIsCountedOnce() throws IOException {
        // "aaaa\n" is 5 bytes: with 5-byte blocks every newline is the last byte of a block
        String content = "aaaa\nbbbb\ncccc\n";
        assertEquals(new TailScanner.Tail(10, 1), find(content, 1, 5));
        assertEquals(new TailScanner.Tail(5, 2), find(content, 2, 5));
        assertEquals(new TailScanner.Tail(0, 3), find(content, 3, 5));
    }

    @Test
    void aPartialLastLineIsNotALine() throws IOException {
        String content = LINES + "{\"log\":\"being writ";
        for (int block : new int[] {1, 4, 1 << 16}) {
            assertEquals("fifth\n", tailOf(content, 1, block));
            assertEquals(new TailScanner.Tail(LINES.length(), 0), find(content, 0, block));
        }
        assertEquals(new TailScanner.Tail(0, 0), find("no newline yet", 0, 4));
        assertEquals(new TailScanner.Tail(0, 0), find("no newline yet", 3, 4));
    }

    @Test
    void zeroLinesStartAfterTheLastCompleteLine() throws IOException {
        assertEquals(new TailScanner.Tail(LINES.length(), 0), find(LINES, 0, 3));
    }

    @Test
    void moreLinesThanTheFileHoldsGivesTheWholeFile() throws IOException {
        for (int block : new int[] {1, 7, 1 << 16}) {
            assertEquals(new TailScanner.Tail(0, 5), find(LINES, 1000, block));
        }
    }

    @Test
    void anEmptyFileHasNoLines() throws IOException {
        assertEquals(new TailScanner.Tail(0, 0), find("", 5, 64));
        assertEquals(new TailScanner.Tail(0, 0), find("", 0, 64));
    }

    @Test
    void onlyTheBytesBeforeTheGivenEndCount() throws IOException {
        Path f = dir.resolve("growing");
        Files.writeString(f, LINES + "appended later\n");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            int end = LINES.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(new TailScanner.Tail(end - "fifth\n".length(), 1), TailScanner.find(ch, end, 1, 4));
        }
    }
}
