package dev.skiff.it;

import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.fixtures.ExpectedTree;
import dev.skiff.it.harness.fixtures.FixtureImages;
import dev.skiff.it.harness.fixtures.TarTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker export (export.txt): the container's merged root as one tar. */
@SkiffTest
class ContainerExportTest {

    @Test
    void exportOfALayeredImagesContainerIsItsMergedTree(DockerCli docker, FixtureImages fixtures, @TempDir Path tmp)
            throws IOException {
        String name = Containers.unique("export");
        try {
            docker.run("create", "--name", name, fixtures.layered().reference(), "true").assertSuccess();
            assertEquals(List.of(), differences(docker, fixtures, name, tmp.resolve("created.tar")));
            // the same once it has run (its root was mounted by the runtime, mount points created)
            docker.run("start", "-a", name).assertSuccess();
            assertEquals(List.of(), differences(docker, fixtures, name, tmp.resolve("exited.tar")));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void exportOfARunningContainerShowsItsChanges(DockerCli docker, @TempDir Path tmp) throws IOException {
        String name = Containers.unique("exportrun");
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sh", "-c",
                    "echo changed > /tmp/new && rm /bin/vi && sleep 600").assertSuccess();
            Containers.await("the change", java.time.Duration.ofSeconds(20),
                    () -> docker.run("diff", name).stdoutLines().contains("A /tmp/new"));
            Path tar = tmp.resolve("run.tar");
            docker.run("export", "-o", tar.toString(), name).assertSuccess();
            var tree = read(tar);
            assertEquals("changed\n", new String(tree.get("/tmp/new").content()));
            assertEquals(false, tree.containsKey("/bin/vi"));
            assertEquals(true, tree.containsKey("/bin/busybox"));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void exportThenImportGivesARunnableImageWithTheSameFiles(DockerCli docker, @TempDir Path tmp) throws IOException {
        String original = Containers.unique("exportsrc");
        String copy = Containers.unique("exportcopy");
        String image = Containers.unique("reimported") + ":1";
        try {
            docker.run("run", "--name", original, "busybox", "sh", "-c", "echo kept > /kept && rm /bin/vi")
                    .assertSuccess();
            Path first = tmp.resolve("first.tar");
            docker.run("export", "-o", first.toString(), original).assertSuccess();
            docker.run("import", "-c", "CMD [\"sh\"]", first.toString(), image).assertSuccess();

            assertEquals("kept\n", docker.run("run", "--rm", image, "cat", "/kept").assertSuccess().stdout());
            docker.run("create", "--name", copy, image).assertSuccess();
            Path second = tmp.resolve("second.tar");
            docker.run("export", "-o", second.toString(), copy).assertSuccess();
            var before = read(first);
            var after = read(second);
            assertEquals(before.keySet(), after.keySet(), "the same paths");
            for (var e : before.entrySet()) {
                ExpectedTree.Node a = e.getValue();
                ExpectedTree.Node b = after.get(e.getKey());
                assertEquals(List.of(a.type(), a.mode(), a.uid(), a.gid(), String.valueOf(a.linkTarget())),
                        List.of(b.type(), b.mode(), b.uid(), b.gid(), String.valueOf(b.linkTarget())), e.getKey());
                assertTrue(java.util.Arrays.equals(a.content(), b.content()), "content of " + e.getKey());
            }
        } finally {
            Containers.removeAll(docker, original, copy);
            docker.run("rmi", image);
        }
    }

    private static List<String> differences(DockerCli docker, FixtureImages fixtures, String name, Path tar)
            throws IOException {
        docker.run("export", "-o", tar.toString(), name).assertSuccess();
        return fixtures.layeredTree().differences(read(tar), ExpectedTree.CONTAINER_INIT_PATHS);
    }

    private static java.util.Map<String, ExpectedTree.Node> read(Path tar) throws IOException {
        try (InputStream in = Files.newInputStream(tar)) {
            return TarTree.read(in);
        }
    }
}
