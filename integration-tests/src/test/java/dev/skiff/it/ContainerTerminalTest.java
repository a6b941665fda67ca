package dev.skiff.it;

import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.TerminalSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            t.type("exit 5");
            t.sendKeys("Enter");
            assertEquals(5, t.awaitExit(WAIT));
        }
        Containers.removeAll(docker, name);
    }

    @Test
    void attachAndDetachLeaveTheContainerRunning(DockerCli docker) {
        String name = Containers.unique("rundit");
        docker.run("run", "-dit", "--name", name, "busybox", "sh").assertSuccess();
        try (TerminalSession t = docker.terminal("attach", name)) {
            // a fresh prompt proves the attach is live and the CLI's terminal raw (else ^Q is flow control)
            t.sendKeys("Enter");
            t.awaitText("/ #", WAIT);
            t.type("echo attached");
            t.sendKeys("Enter");
            t.awaitText("\nattached\n", WAIT);
            t.sendKeys("C-p");
            t.sendKeys("C-q");
            t.awaitText("read escape sequence", WAIT);
            assertEquals(1, t.awaitExit(WAIT));
        }
        assertEquals("running", Containers.inspect(docker, name, "{{.State.Status}}"));
        Containers.removeAll(docker, name);
    }

    @Test
    void startAiAttachesToACreatedContainer(DockerCli docker) {
        String name = Containers.unique("sai");
        docker.run("create", "-it", "--name", name, "busybox", "sh").assertSuccess();
        try (TerminalSession t = docker.terminal("start", "-ai", name)) {
            t.awaitText("/ #", WAIT);
            t.type("exit 3");
            t.sendKeys("Enter");
            assertEquals(3, t.awaitExit(WAIT));
        }
        Containers.removeAll(docker, name);
    }
}
