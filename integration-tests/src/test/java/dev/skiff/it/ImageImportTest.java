package dev.skiff.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.image.LayerTar;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker import of a root filesystem tar built here (import.txt). */
@SkiffTest
class ImageImportTest {

    private static byte[] rootfs() throws IOException {
        return new LayerTar()
                .dir("bin", 0755)
                .file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755)
                .symlink("bin/sh", "busybox")
                .symlink("bin/echo", "busybox")
                .dir("etc", 0755)
                .file("etc/motd", "imported rootfs\n", 0644)
                .toTar();
    }

    @Test
    void importedTarIsARunnableImageWithItsChanges(PrivateDaemons daemons) throws IOException {
        DockerCli docker = daemons.start().cli();
        Path tar = Files.createTempFile("skiff-it-import", ".tar");
        try {
            Files.write(tar, rootfs());
            CommandResult r = docker.run("import", "-c", "CMD [\"sh\", \"-c\", \"cat /etc/motd\"]", "-c", "ENV GREETING=\"hi there\"",
                    "-c", "WORKDIR /etc", "-m", "imported rootfs", tar.toString(), "imported:1").assertSuccess();
            String id = r.stdout().trim();
            assertTrue(id.matches("sha256:[0-9a-f]{64}"), r.stdout());
            assertEquals(id, docker.run("image", "inspect", "--format", "{{.Id}}", "imported:1").assertSuccess().stdout().trim());

            assertEquals("imported rootfs\n", docker.run("run", "--rm", "imported:1").assertSuccess().stdout());
            assertEquals("hi there /etc\n", docker.run("run", "--rm", "imported:1", "sh", "-c", "echo $GREETING $PWD")
                    .assertSuccess().stdout());
            JsonNode inspect = docker.json("image", "inspect", "imported:1").get(0);
            assertEquals("imported rootfs", inspect.get("Comment").asText());
            assertEquals(List.of("imported rootfs"), docker.run("history", "--format", "{{.Comment}}", "imported:1")
                    .assertSuccess().stdoutLines());

            // gzip on stdin, no tag: the same layer, a new image
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(rootfs());
            }
            String second = docker.run(gz.toByteArray(), Duration.ofSeconds(60), "import", "-", "imported:2").assertSuccess()
                    .stdout().trim();
            assertEquals("Imported from -", docker.json("image", "inspect", second).get(0).get("Comment").asText());
            assertEquals(inspect.get("RootFS").get("Layers"), docker.json("image", "inspect", second).get(0).get("RootFS").get("Layers"));

            CommandResult bad = docker.run("import", "-c", "RUN echo", tar.toString(), "bad:1");
            bad.assertExitCode(1);
            assertEquals("Error response from daemon: RUN is not a valid change command\n", bad.stderr());
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    @Test
    void importFromAUrlDownloadsThenImports(PrivateDaemons daemons) throws Exception {
        DockerCli docker = daemons.start().cli();
        byte[] tar = rootfs();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rootfs.tar", exchange -> {
            exchange.sendResponseHeaders(200, tar.length);
            try (var body = exchange.getResponseBody()) {
                body.write(tar);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/rootfs.tar";
            List<String> out = docker.run("import", url, "fromurl:1").assertSuccess().stdoutLines();
            assertEquals("Downloading from " + url, out.get(0));
            String id = out.get(out.size() - 1);
            assertEquals(id, docker.run("image", "inspect", "--format", "{{.Id}}", "fromurl:1").assertSuccess().stdout().trim());
            assertEquals("Imported from " + url, docker.json("image", "inspect", "fromurl:1").get(0).get("Comment").asText());
            assertEquals("imported rootfs\n", docker.run("run", "--rm", "fromurl:1", "/bin/busybox", "cat", "/etc/motd")
                    .assertSuccess().stdout());
        } finally {
            server.stop(0);
        }
    }
}
