package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker logs of the json-file log (logs*.txt): streams, tail, timestamps, since, follow, TTY. */
@SkiffTest
class ContainerLogsTest {

    @Test
    void logsSeparateTheStreamsAndHonourTailTimestampsAndSince(DockerCli docker) {
        String name = Containers.unique("logger");
        docker.run("run", "-d", "--name", name, "busybox", "sh", "-c",
                "for i in 1 2 3 4; do echo \"out $i\"; sleep 0.1; echo \"err $i\" >&2; sleep 0.1; done; sleep 1000")
                .assertSuccess();
        Containers.await("four lines on each stream", Duration.ofSeconds(10),
                () -> docker.run("logs", name).stderr().contains("err 4"));
        CommandResult all = docker.run("logs", name).assertSuccess();
        assertEquals("out 1\nout 2\nout 3\nout 4\n", all.stdout());
        assertEquals("err 1\nerr 2\nerr 3\nerr 4\n", all.stderr());

        CommandResult tail = docker.run("logs", "--tail", "2", name).assertSuccess();
        assertEquals("out 4\n", tail.stdout(), "the tail counts both streams together");
        assertEquals("err 4\n", tail.stderr());
        CommandResult none = docker.run("logs", "--tail", "0", name).assertSuccess();
        assertEquals("", none.stdout() + none.stderr());

        CommandResult stamped = docker.run("logs", "-t", "--tail", "1", name).assertSuccess();
        assertTrue(stamped.stderr().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z err 4\n"), stamped.stderr());
        CommandResult past = docker.run("logs", "--since", "2020-01-01T00:00:00Z", "--until", "2020-01-02T00:00:00Z", name)
                .assertSuccess();
        assertEquals("", past.stdout() + past.stderr());
        Containers.removeAll(docker, name);
    }

    @Test
    void followEndsWhenTheContainerStops(DockerCli docker) {
        String name = Containers.unique("follow");
        docker.run("run", "-d", "--name", name, "busybox", "sh", "-c",
                "echo first; sleep 2; echo second; sleep 1; exit 0").assertSuccess();
        CommandResult r = docker.run(new byte[0], Duration.ofSeconds(30), "logs", "-f", name).assertSuccess();
        assertEquals(List.of("first", "second"), r.stdoutLines());
        Containers.removeAll(docker, name);
    }

    @Test
    void ttyLogsAreRaw(DockerCli docker) {
        String name = Containers.unique("ttylog");
        docker.run("run", "-t", "--name", name, "busybox", "sh", "-c", "echo tty-out; echo tty-err >&2").assertSuccess();
        assertEquals("tty-out\r\ntty-err\r\n", docker.run("logs", "--tail", "all", name).assertSuccess().stdout());
        Containers.removeAll(docker, name);
    }
}
