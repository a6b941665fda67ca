package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker commit (commit.txt) and the seeds' workflow: change a running container, commit, run the image. */
@SkiffTest
class ContainerCommitTest {

    @Test
    void committedImageOfARunningContainerHasItsChanges(DockerCli docker) {
        String name = Containers.unique("commit");
        String fresh = Containers.unique("fromcommit");
        String image = "my-ubuntu:0.1";
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sh", "-c",
                    "echo 'hello from commit' > /etc/motd && mkdir /newdir && echo data > /newdir/f"
                            + " && rm /bin/vi && rm -r /home && mkdir /home && touch /home/new"
                            + " && ln /newdir/f /newdir/hard && touch /tmp/done && sleep 600").assertSuccess();
            Containers.await("the changes", Duration.ofSeconds(20),
                    () -> docker.run("diff", name).stdoutLines().contains("A /tmp/done"));

            String id = docker.run("commit", name, image).assertSuccess().stdout().trim();
            assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
            assertEquals("running", Containers.inspect(docker, name, "{{.State.Status}}"));
            assertEquals(id, Containers.inspect(docker, image, "{{.Id}}"));

            long size = Long.parseLong(Containers.inspect(docker, image, "{{.Size}}"));
            long parentSize = Long.parseLong(Containers.inspect(docker, "busybox", "{{.Size}}"));
            assertTrue(size > parentSize, size + " <= " + parentSize);
            assertTrue(docker.run("images", "my-ubuntu").assertSuccess().stdoutLines().stream()
                    .anyMatch(l -> l.startsWith("my-ubuntu ") && l.contains(" 0.1 ")));
            assertEquals(List.of("sh", "-c"), List.of(Containers.inspect(docker, image, "{{index .Config.Cmd 0}}"),
                    Containers.inspect(docker, image, "{{index .Config.Cmd 1}}")));

            CommandResult run = docker.run("run", "--rm", image, "sh", "-c",
                    "cat /etc/motd /newdir/f; ls /home; test -e /bin/vi || echo no-vi;"
                            + " test /newdir/f -ef /newdir/hard && echo linked");
            assertEquals("hello from commit\ndata\nnew\nno-vi\nlinked\n", run.assertSuccess().stdout());

            docker.run("run", "--name", fresh, image, "true").assertSuccess();
            assertEquals("", docker.run("diff", fresh).assertSuccess().stdout());
        } finally {
            Containers.removeAll(docker, name, fresh);
            docker.run("rmi", image);
        }
    }

    @Test
    void messageAuthorChangesNoPauseAndUnknownContainer(DockerCli docker) {
        String name = Containers.unique("commitc");
        String image = Containers.unique("committed") + ":1";
        String dangling = null;
        try {
            docker.run("run", "--name", name, "busybox", "sh", "-c", "mkdir /newdir && echo x > /newdir/f")
                    .assertSuccess();
            docker.run("commit", "-m", "my message", "-a", "Jane <jane@example.com>",
                    "-c", "CMD [\"cat\",\"/newdir/f\"]", "-c", "ENV COMMITTED=1", "-c", "EXPOSE 8080",
                    name, image).assertSuccess();
            assertEquals("x\n", docker.run("run", "--rm", image).assertSuccess().stdout());
            assertEquals("COMMITTED=1\n", docker.run("run", "--rm", image, "sh", "-c", "env | grep COMMITTED")
                    .assertSuccess().stdout());
            assertEquals("map[8080/tcp:{}]", Containers.inspect(docker, image, "{{.Config.ExposedPorts}}"));

            dangling = docker.run("commit", "--pause=false", name).assertSuccess().stdout().trim();
            assertTrue(dangling.matches("sha256:[0-9a-f]{64}"), dangling);

            CommandResult unknown = docker.run("commit", "nosuchctr", "x:1");
            unknown.assertExitCode(1);
            assertEquals("Error response from daemon: No such container: nosuchctr\n", unknown.stderr());
        } finally {
            Containers.removeAll(docker, name);
            docker.run("rmi", image);
            if (dangling != null) {
                docker.run("rmi", dangling);
            }
        }
    }
}
