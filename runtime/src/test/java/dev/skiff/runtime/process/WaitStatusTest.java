package dev.skiff.runtime.process;

import dev.skiff.runtime.ExitStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WaitStatusTest {
    @Test
    void exitCodeIsTheStatus() {
        ExitStatus s = WaitStatus.fromSiginfo(WaitStatus.CLD_EXITED, 3);
        assertEquals(new ExitStatus(3, 0), s);
        assertEquals(3, s.statusCode());
    }

    @Test
    void signalsMapTo128PlusSignal() {
        assertEquals(137, WaitStatus.fromSiginfo(WaitStatus.CLD_KILLED, 9).statusCode());
        assertEquals(143, WaitStatus.fromSiginfo(WaitStatus.CLD_KILLED, 15).statusCode());
        assertEquals(139, WaitStatus.fromSiginfo(WaitStatus.CLD_DUMPED, 11).statusCode());
    }

    @Test
    void exitCodesAreOneByte() {
        assertEquals(255, ExitStatus.exited(-1).statusCode());
    }

    @Test
    void stopsAreNotTerminations() {
        assertThrows(IllegalArgumentException.class, () -> WaitStatus.fromSiginfo(5, 19));
    }
}
