package dev.skiff.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.UnixHttp;
import dev.skiff.it.harness.image.Digests;
import dev.skiff.it.harness.image.LayerTar;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker save and docker load against skiffd (save.txt, load.txt). */
@SkiffTest
class ImageArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String id(DockerCli docker, String ref) {
        return docker.run("image", "inspect", "--format", "{{.Id}}", ref).assertSuccess().stdout().trim();
    }

    @Test
    void saveRmiLoadRestoresTheSameImage(PrivateDaemons daemons) throws IOException {
        DockerCli docker = daemons.start().cli();
        docker.run("pull", "-q", "layered").assertSuccess();
        String id = id(docker, "layered");
        Path dir = Files.createTempDirectory("skiff-it-save");
        try {
            Path archive = dir.resolve("layered.tar");
            docker.run("save", "-o", archive.toString(), "layered").assertSuccess();

            List<String> names = new ArrayList<>();
            JsonNode manifest = null;
            try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    names.add(e.getName());
                    if (e.getName().equals("manifest.json")) {
                        manifest = JSON.readTree(tar.readAllBytes());
                    }
                }
            }
            assertEquals(id.substring(7) + ".json", manifest.get(0).get("Config").asText());
            assertEquals("layered:latest", manifest.get(0).get("RepoTags").get(0).asText());
            assertEquals(4, manifest.get(0).get("Layers").size());
            assertTrue(names.containsAll(List.of("manifest.json", "repositories")), names.toString());
            List<String> sorted = new ArrayList<>(names);
            java.util.Collections.sort(sorted);
            assertEquals(sorted, names, "entries in dockerd's lexical order");

            docker.run("rmi", "layered").assertSuccess();
            CommandResult loaded = docker.run("load", "-i", archive.toString()).assertSuccess();
            assertEquals("Loaded image: layered:latest\n", loaded.stdout());
            assertEquals(id, id(docker, "layered"));
            assertEquals("Loaded image: layered:latest\n", docker.run("load", "-i", archive.toString()).assertSuccess().stdout(),
                    "loading what is present");
            assertEquals("ok\n", docker.run("run", "--rm", "layered", "sh", "-c", "test -f /data/keep.txt && echo ok")
                    .assertSuccess().stdout());

            // saved again from the loaded image: identical layer content (diff ids verified on load)
            Path again = dir.resolve("again.tar");
            docker.run("save", "-o", again.toString(), id.substring(7, 19)).assertSuccess();
            docker.run("rmi", "layered").assertSuccess();
            assertEquals("Loaded image ID: " + id + "\n", docker.run("load", "-i", again.toString()).assertSuccess().stdout());
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void loadWithoutQuietReportsLoadingLayerProgress(PrivateDaemons daemons) throws IOException {
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        docker.run("pull", "-q", "busybox").assertSuccess();
        String diffId = docker.run("image", "inspect", "--format", "{{index .RootFS.Layers 0}}", "busybox").assertSuccess()
                .stdout().trim();
        Path archive = Files.createTempFile("skiff-it-load", ".tar");
        try {
            docker.run("save", "-o", archive.toString(), "busybox").assertSuccess();
            docker.run("rmi", "busybox").assertSuccess();
            UnixHttp.Response r = UnixHttp.request(daemon.socket(), "POST", "/v1.41/images/load?quiet=0",
                    Files.readAllBytes(archive), "application/x-tar");
            assertEquals(200, r.status());
            List<JsonNode> messages = new ArrayList<>();
            for (String line : r.bodyText().split("\r\n")) {
                messages.add(JSON.readTree(line));
            }
            JsonNode first = messages.get(0);
            assertEquals("Loading layer", first.get("status").asText());
            assertEquals(diffId.substring(7, 19), first.get("id").asText());
            JsonNode last = messages.get(messages.size() - 1);
            assertEquals("Loaded image: busybox:latest\n", last.get("stream").asText());
            JsonNode progress = messages.get(messages.size() - 2).get("progressDetail");
            assertEquals(progress.get("total").asLong(), progress.get("current").asLong(), "the layer was read to its end");
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    @Test
    void aLoadThatFailsAtItsSecondLayerLeavesNoLayerBehind(PrivateDaemons daemons) throws IOException {
        SkiffDaemon daemon = daemons.start();
        byte[] good = new LayerTar().file("good", "kept until the image fails", 0644).toTar();
        byte[] bad = new LayerTar().file("bad", "not what the config promises", 0644).toTar();
        byte[] config = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("architecture", "amd64").put("os", "linux")
                .set("rootfs", JSON.createObjectNode().put("type", "layers").set("diff_ids", JSON.createArrayNode()
                        .add(Digests.sha256(good)).add(Digests.sha256("something else".getBytes())))));
        byte[] manifest = JSON.writeValueAsBytes(JSON.createArrayNode().add(JSON.createObjectNode()
                .put("Config", "config.json")
                .set("Layers", JSON.createArrayNode().add("good/layer.tar").add("bad/layer.tar"))));
        Path archive = Files.createTempFile("skiff-it-badload", ".tar");
        try {
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
                for (Object[] e : new Object[][] {{"good/layer.tar", good}, {"bad/layer.tar", bad},
                        {"config.json", config}, {"manifest.json", manifest}}) {
                    TarArchiveEntry entry = new TarArchiveEntry((String) e[0]);
                    entry.setSize(((byte[]) e[1]).length);
                    t.putArchiveEntry(entry);
                    t.write((byte[]) e[1]);
                    t.closeArchiveEntry();
                }
            }
            CommandResult load = daemon.cli().run("load", "-i", archive.toString());
            load.assertExitCode(1);
            assertTrue(load.stderr().contains("invalid diffID for layer"), load.stderr());
            try (Stream<Path> layers = Files.list(daemon.dirs().dataRoot().resolve("image/layers"))) {
                assertEquals(List.of(), layers.toList(), "the first layer went when the load failed");
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    @Test
    void errorsOfSaveAndLoad(PrivateDaemons daemons) {
        DockerCli docker = daemons.start().cli();
        CommandResult save = docker.run("save", "nosuchimage");
        assertEquals("Error response from daemon: No such image: nosuchimage\n", save.stderr());
        CommandResult notTar = docker.run("load", "-i", "/etc/hostname");
        notTar.assertExitCode(1);
        assertEquals("Error processing tar file(exit status 1): unexpected EOF\n", notTar.stderr());
        assertEquals("", docker.run("images", "-q").assertSuccess().stdout());
    }
}
