package dev.skiff.it.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void drivesAProgramOnA100x30TerminalAndReportsItsExit() {
        String script = "stty size; [ -t 0 ] && echo tty-$MARK; read line; echo got:$line; exit 7";
        try (TerminalSession tty = TerminalSession.start(Map.of("MARK", "yes"), List.of("sh", "-c", script))) {
            String screen = tty.awaitText("tty-yes", WAIT);
            assertTrue(screen.startsWith(TerminalSession.ROWS + " " + TerminalSession.COLUMNS + "\n"), screen);
            tty.type("abc");
            tty.sendKeys("Enter");
            assertEquals(7, tty.awaitExit(WAIT));
            screen = tty.screen();
            assertTrue(screen.contains("got:abc"), screen);
        }
    }
}
