package dev.skiff.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.Commands;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.RegistryServer;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.UnixHttp;
import dev.skiff.it.harness.fixtures.Fixture;
import dev.skiff.it.harness.fixtures.FixtureImages;
import dev.skiff.it.harness.fixtures.HostileFixture;
import dev.skiff.it.harness.fixtures.TarTree;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker pull / images / image inspect against skiffd, checked against what dockerd prints (pull.txt, images.txt). */
@SkiffTest
class ImagePullTest {

    @Test
    void pullPrintsDockerdsLinesThenIsUpToDate(PrivateDaemons daemons, FixtureImages fixtures) {
        DockerCli docker = daemons.start().cli();
        Fixture busybox = fixtures.busybox();
        String layer = shortId(busybox.image().layers().get(0).blob(busybox.format()).digest());

        CommandResult first = docker.run("pull", "busybox").assertSuccess();
        assertEquals(List.of(
                "Using default tag: latest",
                "latest: Pulling from library/busybox",
                layer + ": Pulling fs layer",
                layer + ": Download complete",
                layer + ": Pull complete",
                "Digest: " + busybox.digest(),
                "Status: Downloaded newer image for busybox:latest",
                "docker.io/library/busybox:latest"), first.stdoutLines());

        CommandResult again = docker.run("pull", "busybox").assertSuccess();
        assertEquals(List.of(
                "Using default tag: latest",
                "latest: Pulling from library/busybox",
                "Digest: " + busybox.digest(),
                "Status: Image is up to date for busybox:latest",
                "docker.io/library/busybox:latest"), again.stdoutLines());

        String byDigest = "busybox@" + busybox.digest();
        CommandResult digest = docker.run("pull", byDigest).assertSuccess();
        assertEquals(List.of(
                "docker.io/library/" + byDigest + ": Pulling from library/busybox",
                "Digest: " + busybox.digest(),
                "Status: Image is up to date for " + byDigest,
                "docker.io/library/" + byDigest), digest.stdoutLines());
    }

    @Test
    void imagesAndInspectShowWhatWasPulled(PrivateDaemons daemons, FixtureImages fixtures) {
        DockerCli docker = daemons.start().cli();
        Fixture busybox = fixtures.busybox();
        docker.run("pull", "-q", "busybox").assertSuccess();

        String shortImageId = busybox.imageId().substring("sha256:".length(), "sha256:".length() + 12);
        List<String> rows = docker.run("images", "--format", "{{.Repository}} {{.Tag}} {{.ID}} {{.Digest}}")
                .assertSuccess().stdoutLines();
        assertEquals(List.of("busybox latest " + shortImageId + " " + busybox.digest()), rows);
        assertEquals(List.of(shortImageId), docker.run("images", "-q").assertSuccess().stdoutLines());

        JsonNode inspect = docker.json("image", "inspect", "--format", "{{json .}}", "busybox");
        assertEquals(busybox.imageId(), inspect.get("Id").asText());
        assertEquals("[\"busybox:latest\"]", inspect.get("RepoTags").toString());
        assertEquals("[\"busybox@" + busybox.digest() + "\"]", inspect.get("RepoDigests").toString());
        assertEquals(busybox.image().cmd(), strings(inspect.get("Config").get("Cmd")));
        assertEquals(busybox.image().env(), strings(inspect.get("Config").get("Env")));
        assertEquals(busybox.image().diffIds(), strings(inspect.get("RootFS").get("Layers")));
        assertEquals("overlay2", inspect.get("GraphDriver").get("Name").asText());
        assertTrue(Files.isDirectory(Path.of(inspect.get("GraphDriver").get("Data").get("UpperDir").asText())));

        for (String name : List.of(shortImageId, busybox.imageId(), "docker.io/library/busybox:latest", "busybox@" + busybox.digest())) {
            assertEquals(busybox.imageId(), docker.run("image", "inspect", "--format", "{{.Id}}", name)
                    .assertSuccess().stdout().trim(), name);
        }

        CommandResult missing = docker.run("image", "inspect", "nosuchimage");
        assertEquals(1, missing.exitCode(), missing.describe("inspect of a missing image"));
        assertEquals("[]\n", missing.stdout());
        assertTrue(missing.stderr().contains(
                "Error response from daemon: no such image: nosuchimage: No such image: nosuchimage:latest"), missing.stderr());
    }

    @Test
    void indexesResolveToThisHostsPlatform(PrivateDaemons daemons, FixtureImages fixtures) {
        DockerCli docker = daemons.start().cli();
        for (Fixture f : List.of(fixtures.multi(), fixtures.multiList())) {
            docker.run("pull", "-q", f.reference()).assertSuccess();
            assertEquals(f.imageId(), docker.run("image", "inspect", "--format", "{{.Id}}", f.reference())
                    .assertSuccess().stdout().trim(), f.reference());
            assertTrue(strings(docker.json("image", "inspect", "--format", "{{json .RepoDigests}}", f.reference()))
                    .contains(f.name() + "@" + f.digest()), f.reference());
        }
    }

    @Test
    void layersAreSharedAndStoredOnce(PrivateDaemons daemons, FixtureImages fixtures) throws IOException {
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        docker.run("pull", "-q", "busybox").assertSuccess();
        Fixture layered = fixtures.layered();
        CommandResult pull = docker.run("pull", layered.reference()).assertSuccess();
        String base = shortId(layered.image().layers().get(0).blob(layered.format()).digest());
        assertTrue(pull.stdoutLines().contains(base + ": Already exists"), pull.stdout());
        assertEquals(layered.image().diffIds(),
                strings(docker.json("image", "inspect", "--format", "{{json .RootFS.Layers}}", layered.reference())));
        assertEquals(layered.image().layers().size(), layerDirs(daemon).size(), "busybox's layer is not stored twice");
    }

    /**
     * The stored layers, stacked by overlayfs exactly as a container's lowerdirs will be, give
     * the root filesystem the layered fixture describes (whiteouts, opaque dirs, links, owners,
     * modes, times).
     */
    @Test
    void layeredImageStacksToTheExpectedRootFilesystem(PrivateDaemons daemons, FixtureImages fixtures) throws IOException {
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        Fixture layered = fixtures.layered();
        docker.run("pull", "-q", layered.reference()).assertSuccess();
        JsonNode data = docker.json("image", "inspect", "--format", "{{json .GraphDriver.Data}}", layered.reference());
        String lowers = data.get("UpperDir").asText() + ":" + data.get("LowerDir").asText();

        Path merged = Files.createDirectory(daemon.dirs().dataRoot().resolve("merged-for-test"));
        Commands.run(List.of("mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir=" + lowers, merged.toString()),
                Duration.ofSeconds(30)).assertSuccess();
        try {
            Path tarFile = daemon.dirs().dataRoot().resolve("rootfs-for-test.tar");
            Commands.run(List.of("tar", "--numeric-owner", "-C", merged.toString(), "-cf", tarFile.toString(), "."),
                    Duration.ofSeconds(60)).assertSuccess();
            try (InputStream in = Files.newInputStream(tarFile)) {
                assertEquals(List.of(), fixtures.layeredTree().differences(TarTree.read(in), Set.of()));
            }
        } finally {
            Commands.run(List.of("umount", merged.toString()), Duration.ofSeconds(30));
        }
    }

    @Test
    void hostileLayersAreRefusedAndLeaveNothingBehind(PrivateDaemons daemons, FixtureImages fixtures) throws IOException {
        SkiffDaemon daemon = daemons.start();
        DockerCli docker = daemon.cli();
        for (HostileFixture h : fixtures.hostile()) {
            CommandResult pull = docker.run("pull", h.fixture().reference());
            assertEquals(1, pull.exitCode(), pull.describe("pull of " + h.fixture().reference()));
            assertTrue(pull.stderr().contains("failed to register layer"), pull.stderr());
            if (h.hostTarget() != null) {
                assertFalse(Files.exists(h.hostTarget()), h.hostTarget() + " was created");
            }
            assertFalse(docker.run("image", "inspect", h.fixture().reference()).exitCode() == 0);
        }
        assertEquals(List.of(), layerDirs(daemon), "no layer, complete or partial, is left");
    }

    @Test
    void pulledImagesSurviveKill9(PrivateDaemons daemons, FixtureImages fixtures) {
        SkiffDaemon daemon = daemons.start();
        daemon.cli().run("pull", "-q", fixtures.layered().reference()).assertSuccess();
        daemon.kill9();
        daemon.restart();
        CommandResult again = daemon.cli().run("pull", fixtures.layered().reference()).assertSuccess();
        assertTrue(again.stdout().contains("Status: Image is up to date for " + fixtures.layered().reference()), again.stdout());
    }

    @Test
    void unknownReferencesFailLikeDockerd(DockerCli docker, RegistryServer registry, SkiffDaemon daemon) throws IOException {
        CommandResult tag = docker.run("pull", registry.address() + "/library/busybox:nosuchtag");
        assertEquals(1, tag.exitCode(), tag.describe("pull of a missing tag"));
        assertTrue(tag.stderr().contains("Error response from daemon: manifest for " + registry.address()
                + "/library/busybox:nosuchtag not found: manifest unknown: manifest unknown"), tag.stderr());

        // the CLI checks names itself; the API answers clients that do not
        UnixHttp.Response upper = UnixHttp.request(daemon.socket(), "POST", "/v1.41/images/create?fromImage=Busybox&tag=latest",
                new byte[0], null);
        assertEquals(400, upper.status());
        assertEquals("{\"message\":\"invalid reference format: repository name must be lowercase\"}", upper.bodyText().trim());

        // docker.io names the mirror lacks fall back to registry-1.docker.io, unreachable here (as in error-unknown-image.txt)
        CommandResult hub = docker.run("pull", "nosuchimage");
        assertEquals(1, hub.exitCode(), hub.describe("pull of an image the mirror lacks"));
        assertTrue(hub.stderr().contains("Error response from daemon: Get \"https://registry-1.docker.io/v2/\""), hub.stderr());
    }

    private static String shortId(String digest) {
        return digest.substring("sha256:".length(), "sha256:".length() + 12);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Path> layerDirs(SkiffDaemon daemon) throws IOException {
        Path layers = daemon.dirs().dataRoot().resolve("image/layers");
        if (!Files.isDirectory(layers)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(layers)) {
            return s.toList();
        }
    }
}
