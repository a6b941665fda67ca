package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessTableTest {
    @Test
    void psArgsColumns() {
        assertEquals(List.of("uid", "pid", "ppid", "c", "stime", "tty", "time", "cmd"), ProcessTable.columns(null));
        assertEquals(ProcessTable.columns(""), ProcessTable.columns("-ef"));
        assertEquals(List.of("pid", "comm"), ProcessTable.columns("-o pid,comm"));
        assertThrows(EngineException.class, () -> ProcessTable.columns("aux"));
        assertThrows(EngineException.class, () -> ProcessTable.columns("-o pid,bogus"));
    }

    @Test
    void psFormats() {
        assertEquals("00:00:00", ProcessTable.cpuTime(0));
        assertEquals("01:01:01", ProcessTable.cpuTime(3661));
        assertEquals("2-00:00:05", ProcessTable.cpuTime(2 * 86400 + 5));
        assertEquals("?", ProcessTable.tty(0));
        assertEquals("pts/0", ProcessTable.tty(136 << 8));
        assertEquals("pts/3", ProcessTable.tty((136 << 8) | 3));
        ProcessTable.Proc p = new ProcessTable.Proc(42, 1, 0, 0, 250, 100, "sleep", "sleep 100000");
        Instant boot = Instant.ofEpochSecond(1_800_000_000L);
        Instant now = boot.plusSeconds(6);
        assertEquals("root", ProcessTable.cell("uid", p, boot.getEpochSecond(), now, Map.of(0, "root")));
        assertEquals("50", ProcessTable.cell("c", p, boot.getEpochSecond(), now, Map.of()), "2.5 s of CPU in 5 s");
        assertEquals("sleep 100000", ProcessTable.cell("cmd", p, boot.getEpochSecond(), now, Map.of()));
        assertEquals("sleep", ProcessTable.cell("comm", p, boot.getEpochSecond(), now, Map.of()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsTheProcessesOfAPidNamespaceFromProc() throws Exception {
        int self = (int) ProcessHandle.current().pid();
        Map<String, Object> top = new ProcessTable(Path.of("/proc")).top(self, "-o pid,comm");
        assertEquals(List.of("PID", "COMMAND"), top.get("Titles"));
        List<List<String>> rows = (List<List<String>>) top.get("Processes");
        assertTrue(rows.stream().anyMatch(r -> r.get(0).equals(Integer.toString(self))), rows.toString());
    }
}
