package dev.skiff.daemon.logs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineSplitterTest {
    private final List<String> records = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter("stdout", Clock.systemUTC(),
            e -> records.add(new String(e.line(), StandardCharsets.UTF_8)));

    private void write(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        splitter.write(b, 0, b.length);
    }

    @Test
    void oneRecordPerLineAcrossReads() {
        write("out 1\nou");
        write("t 2\nout 3");
        assertEquals(List.of("out 1\n", "out 2\n"), records);
        splitter.finish();
        assertEquals(List.of("out 1\n", "out 2\n", "out 3"), records);
    }

    @Test
    void howTheStreamIsChunkedChangesNoRecord() {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            int n = random.nextInt(10) == 0 ? random.nextInt(3 * LineSplitter.MAX_LINE) : random.nextInt(200);
            text.append(String.valueOf((char) ('a' + i % 26)).repeat(n)).append(random.nextInt(8) == 0 ? "" : "\n");
        }
        byte[] all = text.toString().getBytes(StandardCharsets.UTF_8);
        splitter.write(all, 0, all.length);
        splitter.finish();
        List<String> whole = List.copyOf(records);
        records.clear();
        LineSplitter chunked = new LineSplitter("stdout", Clock.systemUTC(),
                e -> records.add(new String(e.line(), StandardCharsets.UTF_8)));
        for (int off = 0; off < all.length; ) {
            int n = Math.min(all.length - off, 1 + random.nextInt(40_000));
            chunked.write(all, off, n);
            off += n;
        }
        chunked.finish();
        assertEquals(whole, records);
        assertEquals(text.toString(), String.join("", whole));
        assertTrue(whole.stream().allMatch(r -> r.length() <= LineSplitter.MAX_LINE));
        assertTrue(whole.stream().filter(r -> !r.endsWith("\n")).allMatch(r -> r.length() == LineSplitter.MAX_LINE
                || r == whole.get(whole.size() - 1)), "only full-size pieces and the last record lack a newline");
    }

    @Test
    void longLinesArePartialRecordsOf16KiB() {
        write("x".repeat(LineSplitter.MAX_LINE + 10) + "\n");
        assertEquals(2, records.size());
        assertEquals(LineSplitter.MAX_LINE, records.get(0).length());
        assertEquals("x".repeat(10) + "\n", records.get(1));
    }
}
