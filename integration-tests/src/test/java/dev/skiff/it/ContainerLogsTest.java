package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void theDaemonsLogOptsRotateTheJsonFile(PrivateDaemons daemons) throws IOException {
        SkiffDaemon daemon = daemons.start();
        daemon.stop();
        Path config = daemon.dirs().configFile();
        String json = Files.readString(config).trim();
        Files.writeString(config, json.substring(0, json.length() - 1)
                + ",\"log-opts\":{\"max-size\":\"1k\",\"max-file\":\"2\"}}\n");
        daemon.restart();
        DockerCli docker = daemon.cli();
        String id = docker.run("run", "-d", "busybox", "sh", "-c",
                "i=0; while [ $i -lt 200 ]; do i=$((i+1)); echo \"line $i\"; done").assertSuccess().stdout().trim();
        assertEquals("0", docker.run("wait", id).assertSuccess().stdout().trim());
        Path log = daemon.dirs().dataRoot().resolve("containers").resolve(id).resolve(id + "-json.log");
        assertTrue(Files.size(log) <= 1024, "the current file stays under max-size");
        assertTrue(Files.exists(log.resolveSibling(id + "-json.log.1")));
        assertFalse(Files.exists(log.resolveSibling(id + "-json.log.2")), "max-file 2 keeps one rotated file");
        List<String> lines = docker.run("logs", id).assertSuccess().stdoutLines();
        assertTrue(lines.size() < 200 && lines.size() > 10, lines.size() + " lines");
        assertEquals("line 200", lines.get(lines.size() - 1));
        assertEquals(lines.size(), lines.stream().distinct().count(), "no line twice across the files");
        assertEquals("{\"max-file\":\"2\",\"max-size\":\"1k\"}",
                Containers.inspect(docker, id, "{{json .HostConfig.LogConfig.Config}}"));
    }
}
