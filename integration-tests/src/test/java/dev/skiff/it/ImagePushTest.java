package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.RegistryServer;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.image.LayerTar;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker push to the suite's registry and back, docker login against a password-protected one. */
@SkiffTest
class ImagePushTest {

    private static String id(DockerCli docker, String ref) {
        return docker.run("image", "inspect", "--format", "{{.Id}}", ref).assertSuccess().stdout().trim();
    }

    @Test
    void pushRmiPullGivesTheSameImageAndASecondRepositoryMounts(PrivateDaemons daemons, RegistryServer registry) {
        DockerCli docker = daemons.start().cli();
        docker.run("pull", "-q", "layered").assertSuccess();
        String id = id(docker, "layered");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String repo = registry.address() + "/push-" + unique + "/layered";
        docker.run("tag", "layered", repo + ":v1").assertSuccess();

        List<String> out = docker.run("push", repo + ":v1").assertSuccess().stdoutLines();
        assertEquals("The push refers to repository [" + repo + "]", out.get(0));
        assertEquals(4, out.stream().filter(l -> l.endsWith(": Pushed")).count(), out.toString());
        String last = out.get(out.size() - 1);
        assertTrue(last.matches("v1: digest: sha256:[0-9a-f]{64} size: \\d+"), last);

        List<String> again = docker.run("push", repo + ":v1").assertSuccess().stdoutLines();
        assertEquals(4, again.stream().filter(l -> l.endsWith(": Layer already exists")).count(), again.toString());
        assertEquals(last, again.get(again.size() - 1), "the same manifest");

        String other = registry.address() + "/push-" + unique + "/other";
        docker.run("tag", "layered", other + ":1").assertSuccess();
        List<String> mounted = docker.run("push", other + ":1").assertSuccess().stdoutLines();
        assertEquals(4, mounted.stream().filter(l -> l.endsWith(": Mounted from push-" + unique + "/layered")).count(),
                mounted.toString());

        docker.run("rmi", "layered", repo + ":v1", other + ":1").assertSuccess();
        assertEquals("", docker.run("images", "-q").assertSuccess().stdout());
        docker.run("pull", "-q", repo + ":v1").assertSuccess();
        assertEquals(id, id(docker, repo + ":v1"));

        CommandResult missing = docker.run("push", registry.address() + "/push-" + unique + "/nosuch:1");
        missing.assertExitCode(1);
        assertTrue(missing.stderr().contains("An image does not exist locally with the tag: " + registry.address()
                + "/push-" + unique + "/nosuch"), missing.stderr());
    }

    @Test
    void importedImagesArePushedAsGzipBlobs(PrivateDaemons daemons, RegistryServer registry) throws Exception {
        DockerCli docker = daemons.start().cli();
        byte[] tar = new LayerTar().dir("bin", 0755).file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755)
                .symlink("bin/sh", "busybox").toTar();
        String repo = registry.address() + "/push-" + UUID.randomUUID().toString().substring(0, 8) + "/imported";
        String id = docker.run(tar, Duration.ofSeconds(60), "import", "-c", "CMD [\"sh\"]", "-", repo + ":1").assertSuccess()
                .stdout().trim();
        docker.run("push", repo + ":1").assertSuccess();
        docker.run("rmi", repo + ":1").assertSuccess();
        docker.run("pull", "-q", repo + ":1").assertSuccess();
        assertEquals(id, id(docker, repo + ":1"));
        assertEquals("ok\n", docker.run("run", "--rm", repo + ":1", "sh", "-c", "echo ok").assertSuccess().stdout());
    }

    @Test
    void loginChecksThePassword(PrivateDaemons daemons) {
        DockerCli docker = daemons.start().cli();
        RegistryServer.Credentials credentials = new RegistryServer.Credentials("skiff", "s3cret-" + UUID.randomUUID());
        try (RegistryServer secured = RegistryServer.startWithAuth(credentials)) {
            CommandResult ok = docker.run(credentials.password().getBytes(), Duration.ofSeconds(60),
                    "login", "-u", "skiff", "--password-stdin", secured.address()).assertSuccess();
            assertTrue(ok.stdout().contains("Login Succeeded"), ok.stdout());

            CommandResult wrong = docker.run("wrong".getBytes(), Duration.ofSeconds(60),
                    "login", "-u", "skiff", "--password-stdin", secured.address());
            wrong.assertExitCode(1);
            assertTrue(wrong.stderr().contains("Error response from daemon: login attempt to http://" + secured.address()
                    + "/v2/ failed with status: 401 Unauthorized"), wrong.stderr());
        }
    }
}
