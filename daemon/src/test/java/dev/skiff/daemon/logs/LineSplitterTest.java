package dev.skiff.daemon.logs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void longLinesArePartialRecordsOf16KiB() {
        write("x".repeat(LineSplitter.MAX_LINE + 10) + "\n");
        assertEquals(2, records.size());
        assertEquals(LineSplitter.MAX_LINE, records.get(0).length());
        assertEquals("x".repeat(10) + "\n", records.get(1));
    }
}
