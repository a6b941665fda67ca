package dev.skiff.cli.args;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgParserTest {
    private static final Flag ALL = Flag.bool("all", 'a', "");
    private static final Flag QUIET = Flag.bool("quiet", 'q', "");
    private static final Flag ENV = Flag.list("env", 'e', "list", "");
    private static final Flag NAME = Flag.value("name", (char) 0, "string", "");
    private static final Flag TIME = Flag.value("time", 't', "int", "");

    private static ParsedArgs parse(boolean interspersed, String... args) throws UsageException {
        return new ArgParser(List.of(ALL, QUIET, ENV, NAME, TIME), interspersed).parse(List.of(args));
    }

    @Test
    void clusteredSwitchesAndInterspersedPositionals() throws UsageException {
        ParsedArgs p = parse(true, "x", "-aq", "y");
        assertTrue(p.isSet("all"));
        assertTrue(p.isSet("quiet"));
        assertEquals(List.of("x", "y"), p.positionals());
    }

    @Test
    void valueForms() throws UsageException {
        ParsedArgs p = parse(true, "--name", "n1", "--name=n2", "-eA=1", "-e", "B=2", "--env=C", "-t5");
        assertEquals("n2", p.value("name", null), "the last value wins");
        assertEquals(List.of("A=1", "B=2", "C"), p.values("env"));
        assertEquals(5, p.intValue("time", TIME));
        assertNull(parse(true).intValue("time", TIME));
    }

    @Test
    void switchesAcceptExplicitBooleans() throws UsageException {
        assertFalse(parse(true, "--all=false").isSet("all"));
        assertTrue(parse(true, "--all=false").changed("all"));
        assertTrue(parse(true, "-a=true").isSet("all"));
        assertThrows(UsageException.class, () -> parse(true, "--all=maybe"));
    }

    @Test
    void runStyleParsingStopsAtTheImage() throws UsageException {
        ParsedArgs p = parse(false, "-e", "K=V", "busybox", "sh", "-c", "echo -a --name x");
        assertEquals(List.of("K=V"), p.values("env"));
        assertFalse(p.isSet("all"));
        assertEquals(List.of("busybox", "sh", "-c", "echo -a --name x"), p.positionals());
    }

    @Test
    void doubleDashEndsFlags() throws UsageException {
        assertEquals(List.of("-a", "b"), parse(true, "--", "-a", "b").positionals());
        assertEquals(List.of("-"), parse(true, "-").positionals());
    }

    @Test
    void errorsUsePflagWording() {
        assertEquals("unknown flag: --bogus",
                assertThrows(UsageException.class, () -> parse(true, "--bogus")).getMessage());
        assertEquals("unknown shorthand flag: 'z' in -az",
                assertThrows(UsageException.class, () -> parse(true, "-az")).getMessage());
        assertEquals("flag needs an argument: --name",
                assertThrows(UsageException.class, () -> parse(true, "--name")).getMessage());
        assertEquals("flag needs an argument: 'e' in -e",
                assertThrows(UsageException.class, () -> parse(true, "-e")).getMessage());
        assertThrows(UsageException.class, () -> parse(true, "-t", "soon").intValue("time", TIME));
    }
}
