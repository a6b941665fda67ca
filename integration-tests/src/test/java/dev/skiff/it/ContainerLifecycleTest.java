package dev.skiff.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** start, stop, kill, restart, pause, rename, wait, rm, prune, ps and inspect with dockerd's answers and texts. */
@SkiffTest
class ContainerLifecycleTest {

    @Test
    void startStopAndTheirNotModifiedCases(DockerCli docker) {
        String name = Containers.unique("st");
        docker.run("create", "--name", name, "busybox", "sleep", "1000").assertSuccess();
        assertEquals("Created", docker.run("ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}")
                .assertSuccess().stdout().trim());
        assertEquals(name + "\n", docker.run("start", name).assertSuccess().stdout());
        assertEquals(name + "\n", docker.run("start", name).assertSuccess().stdout(), "304 is success for the CLI");
        // sleep as PID 1 ignores SIGTERM: the stop escalates to SIGKILL after -t seconds
        long before = System.nanoTime();
        assertEquals(name + "\n", docker.run("stop", "-t", "1", name).assertSuccess().stdout());
        assertTrue(System.nanoTime() - before >= 900_000_000L, "stop waited for the timeout");
        assertEquals("exited 137", Containers.inspect(docker, name, "{{.State.Status}} {{.State.ExitCode}}"));
        assertEquals(name + "\n", docker.run("stop", name).assertSuccess().stdout(), "304 is success for the CLI");
        Containers.removeAll(docker, name);
    }

    @Test
    void killSignalsAndItsErrors(DockerCli docker) {
        String name = Containers.unique("hupme");
        docker.run("run", "-d", "--name", name, "busybox", "sh", "-c",
                "trap 'echo got HUP' HUP; while true; do sleep 0.1; done").assertSuccess();
        for (String signal : new String[] {"HUP", "SIGHUP", "1"}) {
            assertEquals(name + "\n", docker.run("kill", "-s", signal, name).assertSuccess().stdout());
        }
        Containers.await("the HUP traps to run", Duration.ofSeconds(10),
                () -> docker.run("logs", name).stdout().contains("got HUP"));
        CommandResult invalid = docker.run("kill", "-s", "NOSUCHSIG", name);
        invalid.assertExitCode(1);
        assertEquals("Error response from daemon: Invalid signal: NOSUCHSIG\n", invalid.stderr());
        assertEquals("running", Containers.inspect(docker, name, "{{.State.Status}}"));

        String id = Containers.inspect(docker, name, "{{.Id}}");
        assertEquals(name + "\n", docker.run("kill", name).assertSuccess().stdout());
        CommandResult again = docker.run("kill", name);
        again.assertExitCode(1);
        assertEquals("Error response from daemon: Cannot kill container: " + name + ": Container " + id
                + " is not running\n", again.stderr());
        CommandResult unknown = docker.run("kill", "nosuchctr");
        assertEquals("Error response from daemon: Cannot kill container: nosuchctr: No such container: nosuchctr\n",
                unknown.stderr());
        Containers.removeAll(docker, name);
    }

    @Test
    void pauseUnpauseAndRestart(DockerCli docker) {
        String name = Containers.unique("pauseme");
        docker.run("run", "-d", "--name", name, "busybox", "sleep", "1000").assertSuccess();
        String id = Containers.inspect(docker, name, "{{.Id}}");
        docker.run("pause", name).assertSuccess();
        assertTrue(docker.run("ps", "--filter", "status=paused", "--format", "{{.Names}} {{.Status}}")
                .assertSuccess().stdout().contains(name + " Up"), "paused containers are listed as running");
        assertEquals("Error response from daemon: Container " + id + " is already paused\n",
                docker.run("pause", name).stderr());
        CommandResult start = docker.run("start", name);
        assertTrue(start.stderr().startsWith(
                "Error response from daemon: cannot start a paused container, try unpause instead"), start.stderr());
        docker.run("unpause", name).assertSuccess();
        assertEquals("Error response from daemon: Container " + id + " is not paused\n",
                docker.run("unpause", name).stderr());
        String pid = Containers.inspect(docker, name, "{{.State.Pid}}");
        assertEquals(name + "\n", docker.run("restart", "-t", "1", name).assertSuccess().stdout());
        assertEquals("running", Containers.inspect(docker, name, "{{.State.Status}}"));
        assertFalse(pid.equals(Containers.inspect(docker, name, "{{.State.Pid}}")), "a new process");
        Containers.removeAll(docker, name);
    }

    @Test
    void renameAndWait(DockerCli docker) {
        String old = Containers.unique("renme");
        String renamed = Containers.unique("renamed");
        String taken = Containers.unique("workbox");
        docker.run("create", "--name", old, "busybox", "sh", "-c", "sleep 1; exit 7").assertSuccess();
        String takenId = docker.run("create", "--name", taken, "busybox", "true").assertSuccess().stdout().trim();
        docker.run("rename", old, renamed).assertSuccess();
        CommandResult conflict = docker.run("rename", renamed, taken);
        conflict.assertExitCode(1);
        assertTrue(conflict.stderr().startsWith("Error response from daemon: Error when allocating new name: Conflict. "
                + "The container name \"/" + taken + "\" is already in use by container \"" + takenId + "\"."),
                conflict.stderr());
        assertEquals("Error response from daemon: No such container: nosuchctr\n"
                + "Error: failed to rename container named nosuchctr\n", docker.run("rename", "nosuchctr", "x").stderr());

        docker.run("start", renamed).assertSuccess();
        assertEquals("7\n", docker.run("wait", renamed).assertSuccess().stdout());
        assertEquals("7\n", docker.run("wait", renamed).assertSuccess().stdout(), "an exited container answers at once");
        Containers.removeAll(docker, renamed, taken);
    }

    @Test
    void rmRefusesRunningContainersUnlessForced(DockerCli docker) {
        String name = Containers.unique("rmrun");
        String id = docker.run("run", "-d", "--name", name, "busybox", "sleep", "1000").assertSuccess().stdout().trim();
        CommandResult refused = docker.run("rm", name);
        refused.assertExitCode(1);
        assertEquals("Error response from daemon: You cannot remove a running container " + id
                + ". Stop the container before attempting removal or force remove\n", refused.stderr());
        assertEquals(name + "\n", docker.run("rm", "-f", name).assertSuccess().stdout());
        CommandResult gone = docker.run("rm", "-f", name);
        assertEquals(0, gone.exitCode(), "rm -f of a missing container exits 0");
        assertEquals("Error response from daemon: No such container: " + name + "\n", gone.stderr());
    }

    @Test
    void pruneRemovesStoppedContainersSelectedByLabel(DockerCli docker) {
        String label = "lc-prune=" + Containers.unique("p");
        String stopped = docker.run("create", "--label", label, "busybox", "true").assertSuccess().stdout().trim();
        String running = docker.run("run", "-d", "--label", label, "busybox", "sleep", "1000").assertSuccess().stdout().trim();
        CommandResult r = docker.run("container", "prune", "-f", "--filter", "label=" + label).assertSuccess();
        assertEquals(List.of("Deleted Containers:", stopped, "", "Total reclaimed space: 0B"), r.stdoutLines());
        Containers.removeAll(docker, running);
    }

    @Test
    void psShowsDockerdsColumnsAndFilters(DockerCli docker) {
        String label = "lc-ps=" + Containers.unique("l");
        String up = Containers.unique("up");
        String done = Containers.unique("done");
        docker.run("run", "-d", "--name", up, "--label", label, "busybox", "sleep", "1000").assertSuccess();
        docker.run("run", "--name", done, "--label", label, "busybox", "sh", "-c", "exit 3").assertExitCode(3);
        String format = "{{.Names}}|{{.Command}}|{{.Status}}|{{.Labels}}";
        List<String> all = docker.run("ps", "-a", "--filter", "label=" + label, "--format", format)
                .assertSuccess().stdoutLines();
        assertEquals(2, all.size(), all.toString());
        assertTrue(all.get(0).startsWith(done + "|\"sh -c exit 3\"|Exited (3) "), all.get(0));
        assertTrue(all.get(1).matches(up + "\\|\"sleep 1000\"\\|Up (Less than a second|\\d+ seconds?)\\|" + label), all.get(1));
        assertEquals(List.of(up), docker.run("ps", "--filter", "label=" + label, "--format", "{{.Names}}")
                .assertSuccess().stdoutLines());
        assertEquals(List.of(done), docker.run("ps", "-a", "--filter", "label=" + label, "--filter", "exited=3",
                "--format", "{{.Names}}").assertSuccess().stdoutLines());
        assertEquals(List.of(done), docker.run("ps", "-a", "--filter", "label=" + label, "--filter", "status=exited",
                "--format", "{{.Names}}").assertSuccess().stdoutLines());
        CommandResult bogus = docker.run("ps", "--filter", "bogus=1");
        bogus.assertExitCode(1);
        assertEquals("Error response from daemon: Invalid filter 'bogus'\n", bogus.stderr());
        Containers.removeAll(docker, up, done);
    }

    @Test
    void inspectShowsTheContainersRealState(DockerCli docker) {
        String name = Containers.unique("workbox");
        docker.run("run", "-d", "--name", name, "-e", "A=1", "--restart", "on-failure:2", "busybox", "sleep", "100000")
                .assertSuccess();
        JsonNode c = docker.json("inspect", name).get(0);
        assertEquals("/" + name, c.get("Name").asText());
        assertEquals("sleep", c.get("Path").asText());
        assertEquals("[\"100000\"]", c.get("Args").toString());
        JsonNode state = c.get("State");
        assertEquals("running", state.get("Status").asText());
        assertTrue(state.get("Running").asBoolean());
        assertTrue(state.get("Pid").asInt() > 0);
        assertEquals("0001-01-01T00:00:00Z", state.get("FinishedAt").asText());
        assertTrue(c.get("Image").asText().startsWith("sha256:"));
        assertTrue(c.get("LogPath").asText().endsWith(c.get("Id").asText() + "-json.log"));
        assertEquals("json-file", c.at("/HostConfig/LogConfig/Type").asText());
        assertEquals("on-failure", c.at("/HostConfig/RestartPolicy/Name").asText());
        assertEquals(2, c.at("/HostConfig/RestartPolicy/MaximumRetryCount").asInt());
        assertEquals("busybox", c.at("/Config/Image").asText());
        assertEquals(c.get("Id").asText().substring(0, 12), c.at("/Config/Hostname").asText());
        assertEquals("A=1", c.at("/Config/Env/0").asText());
        assertEquals("overlay2", c.at("/GraphDriver/Name").asText());
        CommandResult missing = docker.run("container", "inspect", "nosuchctr");
        missing.assertExitCode(1);
        assertEquals("[]\n", missing.stdout());
        assertEquals("Error response from daemon: No such container: nosuchctr\n", missing.stderr());
        Containers.removeAll(docker, name);
    }

    @Test
    void topListsTheContainersProcesses(DockerCli docker) {
        String name = Containers.unique("top");
        docker.run("run", "-d", "--name", name, "busybox", "sleep", "100000").assertSuccess();
        List<String> lines = docker.run("top", name).assertSuccess().stdoutLines();
        assertTrue(lines.get(0).matches("UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD"), lines.get(0));
        assertTrue(lines.get(1).matches("root\\s+\\d+\\s+\\d+\\s+0\\s+\\S+\\s+\\?\\s+00:00:00\\s+sleep 100000"), lines.get(1));
        List<String> custom = docker.run("top", name, "-o", "pid,comm").assertSuccess().stdoutLines();
        assertTrue(custom.get(1).matches("\\d+\\s+sleep"), custom.toString());
        Containers.removeAll(docker, name);
    }
}
