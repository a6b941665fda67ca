package dev.skiff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entry point's handling of the command line and of a daemon that is not there. */
class SkiffTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Skiff.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> noDaemon() {
        return Map.of("SKIFF_HOST", "unix://" + dir.resolve("absent.sock"));
    }

    @Test
    void unreachableDaemon() {
        Result r = run(noDaemon(), "ps");
        assertEquals(1, r.status());
        assertEquals("Cannot connect to the skiff daemon at unix://" + dir.resolve("absent.sock")
                + ". Is the skiff daemon running?\n", r.err());
    }

    @Test
    void hostFlagOverridesEnvironment() {
        Result r = run(noDaemon(), "-H", "unix://" + dir.resolve("other.sock"), "images");
        assertTrue(r.err().contains(dir.resolve("other.sock").toString()), r.err());
        assertEquals(125, run(Map.of(), "--host", "tcp://127.0.0.1:2375", "ps").status());
    }

    @Test
    void usageErrorsDoNotContactTheDaemon() {
        Result unknownFlag = run(noDaemon(), "ps", "--bogus");
        assertEquals(125, unknownFlag.status());
        assertEquals("unknown flag: --bogus\n\nUsage:  skiff ps [OPTIONS]\n\nRun 'skiff ps --help' for more information\n",
                unknownFlag.err());
        Result missingArg = run(noDaemon(), "stop");
        assertEquals(1, missingArg.status());
        assertTrue(missingArg.err().startsWith("skiff: 'skiff stop' requires at least 1 argument\n"), missingArg.err());
        assertEquals(125, run(noDaemon(), "--bogus", "ps").status());
        Result unknownCommand = run(noDaemon(), "frobnicate");
        assertEquals(1, unknownCommand.status());
        assertTrue(unknownCommand.err().startsWith("skiff: unknown command: skiff frobnicate"));
    }

    @Test
    void helpIsPrintedWithoutADaemon() {
        Result overview = run(noDaemon());
        assertEquals(0, overview.status());
        assertTrue(overview.out().contains("Usage:  skiff [OPTIONS] COMMAND"));
        Result runHelp = run(noDaemon(), "run", "--help");
        assertEquals(0, runHelp.status());
        assertTrue(runHelp.out().contains("Usage:  skiff run [OPTIONS] IMAGE [COMMAND] [ARG...]"));
        assertTrue(runHelp.out().contains("-e, --env list"));
    }

    @Test
    void versionPrintsTheClientEvenWithoutADaemon() {
        Result r = run(noDaemon(), "version");
        assertEquals(1, r.status());
        assertTrue(r.out().startsWith("Client:\n Version:"), r.out());
        assertTrue(r.err().startsWith("Cannot connect to the skiff daemon"));
    }
}
