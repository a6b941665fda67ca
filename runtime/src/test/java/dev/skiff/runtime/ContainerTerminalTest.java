package dev.skiff.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.skiff.runtime.TestContainers.runtime;
import static dev.skiff.runtime.TestContainers.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A container whose first process has a terminal. */
class ContainerTerminalTest {

    @Test
    void firstProcessGetsAControllingTerminal() throws Exception {
        ProcessSpec p = new ProcessSpec(List.of("sh", "-c", "tty; stty size; ps -o pid,tty | sed -n 2p | tr -s ' '; "
                + "echo hi > /dev/console"),
                TestContainers.ENV, "/", 0, 0, List.of(), true, new ProcessSpec.ConsoleSize(30, 100), false);
        ContainerSpec spec = spec(p);
        Container c = runtime().start(spec);
        try {
            assertNull(c.stderr());
            var out = TestContainers.drain(c.stdout());
            assertEquals(0, c.exit().get(10, TimeUnit.SECONDS).statusCode());
            // ps reports the controlling terminal of PID 1 as major 136 (pts), minor 0
            assertEquals("/dev/pts/0\r\n30 100\r\n 1 136,0\r\nhi\r\n", out.get(10, TimeUnit.SECONDS));
            c.stdin().close();
        } finally {
            runtime().teardown(spec);
            TestContainers.removeContainerDir(spec);
        }
    }
}
