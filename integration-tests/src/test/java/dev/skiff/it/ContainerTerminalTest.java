package dev.skiff.it;

import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.TerminalSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interactive containers on a real terminal (run-it*.txt, attach.txt, start-ai.txt). */
@SkiffTest
class ContainerTerminalTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void runItGivesAShellOnATerminalOfTheClientsSize(DockerCli docker) {
        String name = Containers.unique("runit");
        try (TerminalSession t = docker.terminal("run", "-it", "--name", name, "busybox", "sh")) {
            t.awaitText("/ #", WAIT);
            t.type("tty; stty size");
            t.sendKeys("Enter");
            t.awaitText("/dev/pts/0", WAIT);
            t.awaitText("30 100", WAIT);
            // the CLI follows SIGWINCH with a resize of the container's terminal
            t.resize(80, 24);
            awaitTerminalSize(t, "24 80");
            t.type("exit");
            t.sendKeys("Enter");
            assertEquals(0, t.awaitExit(WAIT));
        }
        Containers.removeAll(docker, name);
    }

    @Test
    void theExitCodeOfTheShellIsTheClis(DockerCli docker) {
        try (TerminalSession t = docker.terminal("run", "-it", "--rm", "busybox", "sh")) {
            t.awaitText("/ #", WAIT);
            t.type("exit 5");
            t.sendKeys("Enter");
            assertEquals(5, t.awaitExit(WAIT));
        }
    }

    @Test
    void ctrlCReachesTheForegroundProcessThroughTheTerminal(DockerCli docker) {
        String name = Containers.unique("ctrlc");
        try (TerminalSession t = docker.terminal("run", "-it", "--name", name, "busybox", "sh")) {
            t.awaitText("/ #", WAIT);
            t.type("sleep 100");
            t.sendKeys("Enter");
            Containers.await("sleep running", WAIT, () -> docker.run("top", name).stdout().contains("sleep 100"));
            t.sendKeys("C-c");
            t.type("echo status=$?");
            t.sendKeys("Enter");
            t.awaitText("status=130", WAIT);
            t.type("exit");
            t.sendKeys("Enter");
            assertEquals(0, t.awaitExit(WAIT));
        }
        Containers.removeAll(docker, name);
    }

    @Test
    void ctrlCStopsAPingThatIsThePid1OfATtyContainer(DockerCli docker) {
        // PID 1 ignores signals it has no handler for; busybox ping handles SIGINT, prints its summary and exits 0
        try (TerminalSession t = docker.terminal("run", "-it", "--rm", "busybox", "ping", "127.0.0.1")) {
            t.awaitText("64 bytes from 127.0.0.1", WAIT);
            t.sendKeys("C-c");
            t.awaitText("packets transmitted", WAIT);
            assertEquals(0, t.awaitExit(WAIT));
        }
    }

    @Test
    void withoutATtyTheCliForwardsCtrlCAsAKill(DockerCli docker) {
        try (TerminalSession t = docker.terminal("run", "--rm", "busybox", "sh", "-c",
                "trap 'echo got INT; exit 3' INT; echo ready; while :; do sleep 0.1; done")) {
            t.awaitText("ready", WAIT);
            t.sendKeys("C-c");
            t.awaitText("got INT", WAIT);
            assertEquals(3, t.awaitExit(WAIT));
        }
    }

    @Test
    void attachAndDetachLeaveTheContainerRunning(DockerCli docker) {
        String name = Containers.unique("rundit");
        docker.run("run", "-dit", "--name", name, "busybox", "sh").assertSuccess();
        try (TerminalSession t = docker.terminal("attach", name)) {
            // a fresh prompt proves the attach is live and the CLI's terminal raw (else ^Q is flow control)
            t.sendKeys("Enter");
            t.awaitText("/ #", WAIT);
            t.type("MARK=first-attach; echo attached pid=$$");
            t.sendKeys("Enter");
            t.awaitText("\nattached pid=1\n", WAIT);
            t.sendKeys("C-p");
            t.sendKeys("C-q");
            t.awaitText("read escape sequence", WAIT);
            assertEquals(1, t.awaitExit(WAIT));
        }
        assertEquals("running", Containers.inspect(docker, name, "{{.State.Status}}"));
        String status = docker.run("ps", "--filter", "name=" + name, "--format", "{{.Status}}").assertSuccess().stdout();
        assertTrue(status.startsWith("Up "), status);
        // the same shell: its PID 1 and the variable set during the first attach
        try (TerminalSession t = docker.terminal("attach", name)) {
            t.sendKeys("Enter");
            t.awaitText("/ #", WAIT);
            t.type("echo again pid=$$ $MARK");
            t.sendKeys("Enter");
            t.awaitText("again pid=1 first-attach", WAIT);
            t.type("exit");
            t.sendKeys("Enter");
            assertEquals(0, t.awaitExit(WAIT));
        }
        Containers.removeAll(docker, name);
    }

    @Test
    void startAiAttachesToACreatedContainer(DockerCli docker) {
        String name = Containers.unique("sai");
        docker.run("create", "-it", "--name", name, "busybox", "sh").assertSuccess();
        try (TerminalSession t = docker.terminal("start", "-ai", name)) {
            t.awaitText("/ #", WAIT);
            t.type("echo first > /tmp/session; exit 3");
            t.sendKeys("Enter");
            assertEquals(3, t.awaitExit(WAIT));
        }
        assertEquals("exited", Containers.inspect(docker, name, "{{.State.Status}}"));
        // a stopped -it container: start -ai gives a new shell session on the same filesystem
        try (TerminalSession t = docker.terminal("start", "-ai", name)) {
            t.awaitText("/ #", WAIT);
            t.type("echo second $(cat /tmp/session); stty size");
            t.sendKeys("Enter");
            t.awaitText("second first", WAIT);
            t.awaitText("30 100", WAIT);
            t.type("exit");
            t.sendKeys("Enter");
            assertEquals(0, t.awaitExit(WAIT));
        }
        Containers.removeAll(docker, name);
    }

    /**
     * Asks the shell for its terminal size until it reports {@code rowsCols}: the resize travels from the
     * CLI's SIGWINCH handler to the daemon on its own connection and may overtake typed keys or not.
     */
    static void awaitTerminalSize(TerminalSession t, String rowsCols) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            t.type("stty size");
            t.sendKeys("Enter");
            try {
                t.awaitText("\n" + rowsCols + "\n", Duration.ofSeconds(1));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }
}
