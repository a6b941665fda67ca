package dev.skiff.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.http.SkiffVersion;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.Commands;
import dev.skiff.it.harness.DaemonDirs;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.RegistryServer;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.UnixHttp;
import dev.skiff.it.harness.image.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon as a process and the system routes, through the stock docker CLI. */
@SkiffTest
class SystemApiTest {

    @Test
    void dockerVersionShowsSkiffdAsTheServer(DockerCli docker) {
        CommandResult plain = docker.run("version").assertSuccess();
        assertTrue(plain.stdout().contains("API version:       1.41 (downgraded from 1.50)"), plain.stdout());

        JsonNode server = docker.json("version", "--format", "{{json .Server}}");
        assertEquals(SkiffVersion.VERSION, server.get("Version").asText());
        assertEquals("1.41", server.get("ApiVersion").asText());
        assertEquals("1.24", server.get("MinAPIVersion").asText());
        assertEquals("linux", server.get("Os").asText());
        assertEquals(Platform.host().architecture(), server.get("Arch").asText());
        assertEquals(System.getProperty("os.version"), server.get("KernelVersion").asText());
    }

    @Test
    void pingAdvertisesTheApiVersionOnHeadAndGet(SkiffDaemon daemon) throws IOException {
        UnixHttp.Response head = UnixHttp.request(daemon.socket(), "HEAD", "/_ping", null, null);
        assertEquals(200, head.status());
        assertEquals("1.41", head.headers().get("api-version"));
        assertEquals("linux", head.headers().get("ostype"));
        assertEquals("false", head.headers().get("docker-experimental"));

        UnixHttp.Response get = UnixHttp.get(daemon.socket(), "/_ping");
        assertEquals(200, get.status());
        assertEquals("1.41", get.headers().get("api-version"));
        assertEquals("OK", get.bodyText());
    }

    @Test
    void pinnedApiVersionsAreServedDownTo124AndRefusedAbove141(DockerCli docker) {
        String old = docker.withEnv("DOCKER_API_VERSION", "1.24")
                .run("version", "--format", "{{.Client.APIVersion}} {{.Server.Version}}").assertSuccess().stdout();
        assertEquals("1.24 " + SkiffVersion.VERSION + "\n", old);

        CommandResult tooNew = docker.withEnv("DOCKER_API_VERSION", "1.99").run("info");
        assertEquals(1, tooNew.exitCode(), tooNew.describe("with API 1.99"));
        assertTrue(tooNew.stderr().contains(
                "Error response from daemon: client version 1.99 is too new. Maximum supported API version is 1.41"),
                tooNew.stderr());
    }

    @Test
    void dockerInfoReportsTheDaemonsConfiguration(DockerCli docker, SkiffDaemon daemon, RegistryServer registry) {
        CommandResult info = docker.run("info").assertSuccess();
        String out = info.stdout();
        assertTrue(out.contains(" Server Version: " + SkiffVersion.VERSION + "\n"), out);
        assertTrue(out.contains(" Docker Root Dir: " + daemon.dirs().dataRoot() + "\n"), out);
        assertTrue(out.contains(" Insecure Registries:\n  " + registry.address() + "\n"), out);
        assertTrue(out.contains(" Registry Mirrors:\n  " + registry.url() + "/\n"), out);
        assertFalse(info.stderr().contains("ERROR"), info.stderr());
    }

    @Test
    void sigtermStopsTheDaemonCleanlyAndKeepsItsState(PrivateDaemons daemons) throws IOException {
        SkiffDaemon daemon = daemons.start();
        daemon.cli().run("info").assertSuccess();
        List<Path> stateBefore = tree(daemon.dirs().dataRoot());
        assertFalse(stateBefore.isEmpty(), "the daemon keeps state in its data root");

        assertEquals(0, daemon.stop());
        String log = daemon.readLog();
        assertFalse(log.contains("level=error") || log.contains("level=fatal"), log);

        // like dockerd: the socket goes, everything persistent stays
        assertFalse(Files.exists(daemon.socket()), "socket left behind");
        assertEquals(stateBefore, tree(daemon.dirs().dataRoot()));
        assertTrue(Files.exists(daemon.dirs().configFile()));
        assertTrue(Files.isDirectory(daemon.dirs().execRoot()));
        CommandResult refused = daemon.cli().run("version");
        assertEquals(1, refused.exitCode(), refused.describe("against a stopped daemon"));
        assertTrue(refused.stderr().contains("Cannot connect to the Docker daemon at " + daemon.host()),
                refused.stderr());
    }

    @Test
    void secondDaemonOnTheSameSocketRefusesToStart(PrivateDaemons daemons) throws IOException {
        SkiffDaemon first = daemons.start();
        DaemonDirs second = daemons.freshDirs().withSocket(first.socket());

        CommandResult refused = Commands.run(SkiffDaemon.commandLine(second), Duration.ofSeconds(60));

        assertNotEquals(0, refused.exitCode(), refused.describe("second daemon"));
        String output = refused.stdout() + refused.stderr();
        assertTrue(output.contains("another daemon is already listening on " + first.socket()), output);
        assertTrue(first.isAlive());
        assertEquals(200, UnixHttp.get(first.socket(), "/_ping").status());
        first.cli().run("version").assertSuccess();
    }

    @Test
    void staleSocketOfAKilledDaemonIsReplaced(PrivateDaemons daemons) throws IOException {
        SkiffDaemon daemon = daemons.start();
        daemon.kill9();
        assertTrue(Files.exists(daemon.socket()), "kill -9 leaves the socket file");
        assertThrows(IOException.class, () -> UnixHttp.get(daemon.socket(), "/_ping"));

        daemon.restart();

        assertEquals(200, UnixHttp.get(daemon.socket(), "/_ping").status());
        daemon.cli().run("version").assertSuccess();
    }

    @Test
    void engineIdSurvivesRestartAndKill9(PrivateDaemons daemons) {
        SkiffDaemon daemon = daemons.start();
        String id = engineId(daemon);
        assertFalse(id.isBlank());

        daemon.restart();
        assertEquals(id, engineId(daemon));

        daemon.kill9();
        daemon.restart();
        assertEquals(id, engineId(daemon));

        assertNotEquals(id, engineId(daemons.start()), "each data root has its own engine ID");
    }

    private static String engineId(SkiffDaemon daemon) {
        return daemon.cli().run("info", "--format", "{{.ID}}").assertSuccess().stdout().trim();
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(root::relativize).sorted().toList();
        }
    }
}
