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
