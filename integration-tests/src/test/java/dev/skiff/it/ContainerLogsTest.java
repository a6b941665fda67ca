package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker logs of the json-file log (logs*.txt): streams, tail, timestamps, since, follow, TTY, rotation. */
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
    void tailReadsBackAcrossRotatedFilesAndFollowContinuesFromItsEnd(SkiffDaemon daemon) throws Exception {
        DockerCli docker = daemon.cli();
        String id = docker.run("run", "-d", "--log-opt", "max-size=2k", "--log-opt", "max-file=4", "busybox", "sh", "-c",
                "i=0; while [ $i -lt 200 ]; do i=$((i+1)); echo \"line $i\"; done; "
                        + "while [ ! -e /go ]; do sleep 0.1; done; "
                        + "while [ $i -lt 300 ]; do i=$((i+1)); echo \"line $i\"; sleep 0.01; done")
                .assertSuccess().stdout().trim();
        Containers.await("the first 200 lines", Duration.ofSeconds(10),
                () -> docker.run("logs", "--tail", "1", id).stdout().equals("line 200\n"));
        Path log = daemon.dirs().dataRoot().resolve("containers").resolve(id).resolve(id + "-json.log");
        assertTrue(Files.exists(log.resolveSibling(id + "-json.log.3")));
        long inCurrentFile = Files.readAllLines(log).size();
        assertTrue(inCurrentFile < 40, inCurrentFile + " records in the current file");

        assertEquals(numbered(161, 200), docker.run("logs", "--tail", "40", id).assertSuccess().stdoutLines(),
                "the tail reaches back into the rotated files");
        List<String> kept = docker.run("logs", id).assertSuccess().stdoutLines();
        assertTrue(kept.size() > 40 && kept.size() < 200, kept.size() + " lines kept");
        assertEquals(kept, docker.run("logs", "--tail", "1000", id).assertSuccess().stdoutLines(),
                "a tail longer than the log is all of it");

        ProcessBuilder follow = new ProcessBuilder(docker.command("logs", "-f", "--tail", "3", id))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        docker.environment().forEach((k, v) -> {
            if (v == null) {
                follow.environment().remove(k);
            } else {
                follow.environment().put(k, v);
            }
        });
        Process follower = follow.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(follower.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the follower was killed
            }
        });
        reader.start();
        try {
            List<String> followed = new ArrayList<>();
            while (followed.size() < 3) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                assertNotNull(line, "the tail before following: " + followed);
                followed.add(line);
            }
            assertEquals(numbered(198, 200), followed);
            // the rest is written only now, rotating the log some more while it is followed
            docker.run("exec", id, "touch", "/go").assertSuccess();
            assertTrue(follower.waitFor(60, TimeUnit.SECONDS), "the follower ends with the container");
            reader.join(5000);
            lines.drainTo(followed);
            assertEquals(numbered(198, 300), followed, "no line lost or repeated across the rotations");
        } finally {
            follower.destroyForcibly();
        }
        Containers.removeAll(docker, id);
    }

    private static List<String> numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
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
