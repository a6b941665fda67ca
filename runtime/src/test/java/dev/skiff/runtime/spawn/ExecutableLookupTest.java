package dev.skiff.runtime.spawn;

import dev.skiff.runtime.ProcessStartException;
import dev.skiff.runtime.ProcessStartException.Reason;
import dev.skiff.runtime.linux.Errno;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExecutableLookupTest {
    private static final int EXECUTABLE = 0100755;
    private static final int PLAIN_FILE = 0100644;
    private static final int DIRECTORY = 0040755;
    private static final List<String> ENV = List.of("HOME=/root", "PATH=/usr/bin:/bin");

    private static final Map<String, Integer> FILES = Map.of(
            "/bin/sh", EXECUTABLE, "/usr/bin/sh", PLAIN_FILE, "/etc/passwd", PLAIN_FILE, "/tmp", DIRECTORY,
            "/work/run.sh", EXECUTABLE, "/usr/bin/tool", EXECUTABLE);

    private static int probe(String path) {
        return FILES.getOrDefault(Path.of(path).normalize().toString(), -Errno.ENOENT);
    }

    private static String resolve(String name) throws ProcessStartException {
        return ExecutableLookup.resolve(name, ENV, "/work", ExecutableLookupTest::probe);
    }

    @Test
    void searchesPathSkippingNonExecutables() throws Exception {
        assertEquals("/bin/sh", resolve("sh"));
        assertEquals("/usr/bin/tool", resolve("tool"));
    }

    @Test
    void namesWithSlashAreUsedAsIs() throws Exception {
        assertEquals("/bin/sh", resolve("/bin/sh"));
        assertEquals("./run.sh", resolve("./run.sh"));
    }

    @Test
    void missingFileHasRuncsStatMessage() {
        var e = assertThrows(ProcessStartException.class, () -> resolve("/nonexistent"));
        assertEquals("exec: \"/nonexistent\": stat /nonexistent: no such file or directory", e.getMessage());
        assertEquals(Reason.EXECUTABLE_NOT_FOUND, e.reason());
        assertEquals(127, e.exitCode());
    }

    @Test
    void nameNotInPath() {
        var e = assertThrows(ProcessStartException.class, () -> resolve("nosuch"));
        assertEquals("exec: \"nosuch\": executable file not found in $PATH", e.getMessage());
        assertEquals(127, e.exitCode());
    }

    @Test
    void noPathVariableMeansNothingIsFound() {
        var e = assertThrows(ProcessStartException.class,
                () -> ExecutableLookup.resolve("sh", List.of(), "/", ExecutableLookupTest::probe));
        assertEquals("exec: \"sh\": executable file not found in $PATH", e.getMessage());
    }

    @Test
    void nonExecutableFileIsPermissionDenied() {
        var e = assertThrows(ProcessStartException.class, () -> resolve("/etc/passwd"));
        assertEquals("exec: \"/etc/passwd\": permission denied", e.getMessage());
        assertEquals(Reason.NOT_EXECUTABLE, e.reason());
        assertEquals(126, e.exitCode());
    }

    @Test
    void directoryIsNotExecutable() {
        var e = assertThrows(ProcessStartException.class, () -> resolve("/tmp"));
        assertEquals("exec: \"/tmp\": is a directory", e.getMessage());
        assertEquals(Reason.NOT_EXECUTABLE, e.reason());
    }
}
