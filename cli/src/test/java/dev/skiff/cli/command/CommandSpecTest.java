package dev.skiff.cli.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandSpecTest {
    @Test
    void argumentCountErrorsReadAsDockers() {
        assertEquals("skiff: 'skiff rm' requires at least 1 argument\n\nUsage:  skiff rm [OPTIONS] CONTAINER [CONTAINER...]"
                + "\n\nSee 'skiff rm --help' for more information\n", new RmCommand().spec().argumentCountError(0));
        assertNull(new RmCommand().spec().argumentCountError(3));
        assertTrue(new TagCommand().spec().argumentCountError(1).startsWith("skiff: 'skiff tag' requires 2 arguments\n"));
        assertTrue(new LogsCommand().spec().argumentCountError(0).startsWith("skiff: 'skiff logs' requires 1 argument\n"));
        assertTrue(new PsCommand().spec().argumentCountError(1).startsWith("skiff: 'skiff ps' accepts no arguments\n"));
        assertTrue(new ImagesCommand().spec().argumentCountError(2)
                .startsWith("skiff: 'skiff images' requires at most 1 argument\n"));
    }

    @Test
    void flagErrorsShowTheUsageLine() {
        assertEquals("unknown flag: --bogus\n\nUsage:  skiff ps [OPTIONS]\n\nRun 'skiff ps --help' for more information\n",
                new PsCommand().spec().flagError("unknown flag: --bogus"));
    }

    @Test
    void managementCommandAliases() {
        CommandTable table = CommandTable.standard();
        CommandTable.Match ls = table.find(List.of("image", "ls", "-q")).orElseThrow();
        assertEquals("images", ls.command().spec().name());
        assertEquals(2, ls.words());
        assertEquals("image inspect", table.find(List.of("image", "inspect", "x")).orElseThrow().command().spec().name());
        assertSame(table.find(List.of("rm")).orElseThrow().command(),
                table.find(List.of("container", "rm")).orElseThrow().command());
        assertTrue(table.find(List.of("image")).isEmpty());
        assertTrue(table.find(List.of("frobnicate")).isEmpty());
    }

    @Test
    void versionShowsBuildTimeInAnsiC() {
        assertEquals("Thu May  7 21:09:36 2026", VersionCommand.builtTime("2026-05-07T21:09:36.000000000+00:00"));
        assertEquals("not a time", VersionCommand.builtTime("not a time"));
    }
}
