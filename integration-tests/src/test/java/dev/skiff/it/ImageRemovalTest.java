package dev.skiff.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.fixtures.FixtureImages;
import dev.skiff.it.harness.image.LayerTar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker tag, rmi, image prune and history against skiffd, with dockerd's texts (tag.txt, rmi*.txt, image-prune.txt, image-history.txt). */
@SkiffTest
class ImageRemovalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String id(DockerCli docker, String ref) {
        return docker.run("image", "inspect", "--format", "{{.Id}}", ref).assertSuccess().stdout().trim();
    }

    private static String layerChain(DockerCli docker, String ref) {
        // a one-layer image: its chain id is its diff id
        return docker.run("image", "inspect", "--format", "{{index .RootFS.Layers 0}}", ref).assertSuccess().stdout().trim();
    }

    private static void assertError(CommandResult r, String message) {
        r.assertExitCode(1);
        assertEquals("Error response from daemon: " + message + "\n", r.stderr());
    }

    @Test
    void tagThenRmiByNameUntagsAndTheLastReferenceDeletes(PrivateDaemons daemons) {
        DockerCli docker = daemons.start().cli();
        docker.run("pull", "-q", "busybox").assertSuccess();
        String id = id(docker, "busybox");
        docker.run("tag", "busybox", "myrepo/bb:2.0").assertSuccess();
        docker.run("tag", "busybox:latest", "localhost:5000/team/bb:v1").assertSuccess();
        assertEquals(id, id(docker, "myrepo/bb:2.0"));
        assertEquals(id, id(docker, "localhost:5000/team/bb:v1"));
        assertError(docker.run("tag", "nosuchimage", "foo:1"), "No such image: nosuchimage:latest");

        assertEquals(List.of("Untagged: myrepo/bb:2.0"), docker.run("rmi", "myrepo/bb:2.0").assertSuccess().stdoutLines());
        assertEquals(List.of("Untagged: localhost:5000/team/bb:v1"),
                docker.run("rmi", "localhost:5000/team/bb:v1").assertSuccess().stdoutLines());
        String digest = docker.run("image", "inspect", "--format", "{{index .RepoDigests 0}}", "busybox").assertSuccess().stdout().trim();
        String layer = layerChain(docker, "busybox");
        assertEquals(List.of("Untagged: busybox:latest", "Untagged: " + digest, "Deleted: " + id, "Deleted: " + layer),
                docker.run("rmi", "busybox").assertSuccess().stdoutLines());
        assertEquals("", docker.run("images", "-q").assertSuccess().stdout());
        assertError(docker.run("rmi", "nosuchimage:1"), "No such image: nosuchimage:1");
    }

    @Test
    void rmiByIdWithTwoTagsNeedsForce(PrivateDaemons daemons) {
        DockerCli docker = daemons.start().cli();
        docker.run("pull", "-q", "busybox").assertSuccess();
        docker.run("tag", "busybox", "twotags:1").assertSuccess();
        String id = id(docker, "busybox");
        String shortId = id.substring(7, 19);
        assertError(docker.run("rmi", shortId),
                "conflict: unable to delete " + shortId + " (must be forced) - image is referenced in multiple repositories");
        List<String> lines = docker.run("rmi", "-f", shortId).assertSuccess().stdoutLines();
        assertEquals("Untagged: busybox:latest", lines.get(0));
        assertTrue(lines.contains("Untagged: twotags:1"), lines.toString());
        assertTrue(lines.contains("Deleted: " + id), lines.toString());
    }

    @Test
    void imagesUsedByContainersAreProtected(PrivateDaemons daemons) throws IOException {
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        docker.run("pull", "-q", "busybox").assertSuccess();
        docker.run("tag", "busybox", "inuse:1").assertSuccess();
        docker.run("rmi", "busybox").assertSuccess();
        String id = id(docker, "inuse:1");
        String shortId = id.substring(7, 19);
        String stopped = docker.run("create", "inuse:1", "true").assertSuccess().stdout().trim().substring(0, 12);

        assertError(docker.run("rmi", "inuse:1"), "conflict: unable to remove repository reference \"inuse:1\" (must force) - container "
                + stopped + " is using its referenced image " + shortId);
        assertError(docker.run("rmi", shortId), "conflict: unable to delete " + shortId
                + " (must be forced) - image is being used by stopped container " + stopped);

        String running = docker.run("run", "-d", "inuse:1", "sleep", "1000").assertSuccess().stdout().trim().substring(0, 12);
        docker.run("rm", stopped).assertSuccess();
        String cannot = "conflict: unable to delete " + shortId + " (cannot be forced) - image is being used by running container " + running;
        assertError(docker.run("rmi", shortId), cannot);
        assertError(docker.run("rmi", "-f", shortId), cannot);
        assertEquals(List.of("Untagged: inuse:1"), docker.run("rmi", "-f", "inuse:1").assertSuccess().stdoutLines());
        assertEquals(id, id(docker, id), "a running container keeps its image");
        docker.run("rm", "-f", running).assertSuccess();

        // forced, with only a stopped container left: untagged and deleted, its layer kept for the container
        docker.run("tag", id.substring(7), "forceme:1").assertSuccess();
        String last = docker.run("create", "forceme:1", "true").assertSuccess().stdout().trim();
        assertEquals(List.of("Untagged: forceme:1", "Deleted: " + id), docker.run("rmi", "-f", "forceme:1").assertSuccess().stdoutLines());
        CommandResult gone = docker.run("rmi", "-f", shortId);
        assertEquals(0, gone.exitCode(), "the CLI ignores not-found when forcing");
        assertEquals("Error response from daemon: No such image: " + shortId + ":latest\n", gone.stderr());
        docker.run("start", "-a", last).assertSuccess();

        // the last container stacking on the layer goes: so does the layer, which no image names now
        docker.run("rm", last).assertSuccess();
        try (Stream<Path> layers = Files.list(daemon.dirs().dataRoot().resolve("image/layers"))) {
            assertEquals(List.of(), layers.toList());
        }
    }

    @Test
    void pruneRemovesDanglingThenWithAllUnusedImages(PrivateDaemons daemons) {
        DockerCli docker = daemons.start().cli();
        docker.run("pull", "-q", "busybox").assertSuccess();
        docker.run("pull", "-q", "hello-world").assertSuccess();
        String busybox = id(docker, "busybox");
        String digest = docker.run("image", "inspect", "--format", "{{index .RepoDigests 0}}", "busybox").assertSuccess().stdout().trim();
        docker.run("tag", "hello-world", "busybox:latest").assertSuccess();   // busybox's image is now dangling

        String beforeFixtures = java.time.Instant.ofEpochSecond(LayerTar.DEFAULT_MTIME - 1).toString();
        assertEquals(List.of("Total reclaimed space: 0B"),
                docker.run("image", "prune", "-f", "--filter", "until=" + beforeFixtures).assertSuccess().stdoutLines(),
                "until keeps images created after it");
        assertEquals(List.of("Total reclaimed space: 0B"),
                docker.run("image", "prune", "-f", "--filter", "label=nosuchlabel").assertSuccess().stdoutLines());
        List<String> out = docker.run("image", "prune", "-f").assertSuccess().stdoutLines();
        assertEquals("Deleted Images:", out.get(0));
        assertEquals("untagged: " + digest, out.get(1));
        assertEquals("deleted: " + busybox, out.get(2));
        assertTrue(out.get(out.size() - 1).startsWith("Total reclaimed space: ") && !out.get(out.size() - 1).endsWith(" 0B"), out.toString());

        assertEquals(List.of("Total reclaimed space: 0B"), docker.run("image", "prune", "-f").assertSuccess().stdoutLines());
        String c = docker.run("create", "hello-world").assertSuccess().stdout().trim();
        assertEquals(List.of("Total reclaimed space: 0B"), docker.run("image", "prune", "-a", "-f").assertSuccess().stdoutLines(),
                "an image a container uses is not pruned");
        docker.run("rm", c).assertSuccess();
        List<String> all = docker.run("image", "prune", "-a", "-f").assertSuccess().stdoutLines();
        assertTrue(all.contains("untagged: busybox:latest"), all.toString());
        assertEquals("", docker.run("images", "-q").assertSuccess().stdout());
    }

    @Test
    void historyListsTheConfigHistoryNewestFirst(PrivateDaemons daemons, FixtureImages fixtures) throws IOException {
        DockerCli docker = daemons.start().cli();
        docker.run("pull", "-q", "layered").assertSuccess();
        String id = id(docker, "layered");
        List<String> rows = docker.run("history", "--no-trunc", "-H=false", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}", "layered")
                .assertSuccess().stdoutLines();
        assertEquals(4, rows.size(), rows.toString());
        List<String> createdBy = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split("\\|");
            assertEquals(i == 0 ? id : "<missing>", f[0]);
            createdBy.add(f[1]);
            total += Long.parseLong(f[2]);
        }
        List<String> expected = new ArrayList<>();
        var layered = fixtures.layered();
        for (JsonNode h : JSON.readTree(layered.image().config(layered.format()).bytes()).path("history")) {
            expected.add(0, h.path("created_by").asText());
        }
        assertEquals(expected, createdBy);
        assertEquals(docker.run("image", "inspect", "--format", "{{.Size}}", "layered").assertSuccess().stdout().trim(), Long.toString(total));
        assertError(docker.run("history", "nosuchimage"), "No such image: nosuchimage:latest");
    }
}
