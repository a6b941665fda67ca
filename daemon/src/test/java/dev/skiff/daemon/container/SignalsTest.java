package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignalsTest {
    @Test
    void namesWithOrWithoutSigAndNumbers() {
        assertEquals(1, Signals.parse("HUP"));
        assertEquals(1, Signals.parse("SIGHUP"));
        assertEquals(1, Signals.parse("1"));
        assertEquals(28, Signals.parse("WINCH"));
        assertEquals(15, Signals.parse("sigterm"));
        assertEquals(10, Signals.parse("USR1"));
        assertEquals(35, Signals.parse("RTMIN+1"));
        assertEquals(64, Signals.parse("SIGRTMAX"));
    }

    @Test
    void anythingElseIsDockerdsInvalidSignal() {
        for (String bad : new String[] {"NOSUCHSIG", "0", "65", "", "SIG"}) {
            assertEquals("Invalid signal: " + bad, assertThrows(EngineException.class, () -> Signals.parse(bad)).getMessage());
        }
    }
}
