package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartPolicyTest {
    @Test
    void policies() {
        assertFalse(RestartPolicy.NO.shouldRestart(1, false, 0));
        RestartPolicy always = new RestartPolicy("always", 0);
        assertTrue(always.shouldRestart(0, false, 100));
        assertFalse(always.shouldRestart(0, true, 0), "a stopped container stays down");
        assertTrue(new RestartPolicy("unless-stopped", 0).shouldRestart(0, false, 0));
        RestartPolicy onFailure = new RestartPolicy("on-failure", 2);
        assertFalse(onFailure.shouldRestart(0, false, 0));
        assertTrue(onFailure.shouldRestart(1, false, 1));
        assertFalse(onFailure.shouldRestart(1, false, 2));
        assertTrue(new RestartPolicy("on-failure", 0).shouldRestart(1, false, 1000));
    }

    @Test
    void validationTexts() {
        assertEquals("invalid restart policy 'sometimes'",
                assertThrows(EngineException.class, () -> new RestartPolicy("sometimes", 0).validate()).getMessage());
        assertEquals("maximum retry count cannot be used with restart policy 'always'",
                assertThrows(EngineException.class, () -> new RestartPolicy("always", 3).validate()).getMessage());
        assertEquals("maximum retry count cannot be negative",
                assertThrows(EngineException.class, () -> new RestartPolicy("on-failure", -1).validate()).getMessage());
        new RestartPolicy(null, 0).validate();
    }

    @Test
    void backoffDoublesFrom100msUpToAMinuteAndResetsAfterTenSecondsOfRunning() {
        RestartBackoff b = new RestartBackoff();
        Duration quick = Duration.ofSeconds(1);
        assertEquals(Duration.ofMillis(100), b.next(quick));
        assertEquals(Duration.ofMillis(200), b.next(quick));
        assertEquals(Duration.ofMillis(400), b.next(quick));
        for (int i = 0; i < 20; i++) {
            b.next(quick);
        }
        assertEquals(Duration.ofMinutes(1), b.next(quick));
        assertEquals(Duration.ofMillis(100), b.next(Duration.ofSeconds(10)));
        b.next(quick);
        b.reset();
        assertEquals(Duration.ofMillis(100), b.next(quick));
    }
}
