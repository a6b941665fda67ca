package dev.skiff.cli.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandSpecTest {
    @Test
    void argumentCountMessagesUseCobrasWording() {
        assertEquals("\"skiff rm\" requires at least 1 argument.", new RmCommand().spec().argumentCountProblem(0));
        assertNull(new RmCommand().spec().argumentCountProblem(3));
        assertEquals("\"skiff tag\" requires exactly 2 arguments.", new TagCommand().spec().argumentCountProblem(1));
        assertEquals("\"skiff ps\" accepts no arguments.", new PsCommand().spec().argumentCountProblem(1));
        assertEquals("\"skiff images\" requires at most 1 argument.", new ImagesCommand().spec().argumentCountProblem(2));
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
