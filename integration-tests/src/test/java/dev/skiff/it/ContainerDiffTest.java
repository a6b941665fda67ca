package dev.skiff.it;

import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docker diff (diff.txt): the container's changes against its image, by dockerd's rules. */
@SkiffTest
class ContainerDiffTest {

    /**
     * What adduser does (the fixture's busybox has no adduser applet, so the shell does it): appends to
     * /etc/passwd and /etc/group, creates /etc/shadow (the image has none) and /home/bob; plus the
     * deletions of diff.txt. Directories holding changes are C, never "/"; the hostname, hosts and
     * resolv.conf mount points the runtime creates are no changes. The same lines while the container
     * runs and once it has stopped.
     */
    @Test
    void adduserLikeChangesAreDockerdsLines(DockerCli docker) {
        String name = Containers.unique("diff");
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sh", "-c",
                    "echo 'bob:x:1001:1001::/home/bob:/bin/sh' >> /etc/passwd"
                            + " && echo 'bob:x:1001:' >> /etc/group"
                            + " && echo 'bob:!:20000:0:99999:7:::' > /etc/shadow && chmod 640 /etc/shadow"
                            + " && mkdir /home/bob && chown 1001:1001 /home/bob"
                            + " && rm /bin/vi && rm -r /root && mkdir /newdir && echo x > /newdir/f"
                            + " && touch /tmp/done && sleep 600").assertSuccess();
            List<String> expected = List.of(
                    "C /bin",
                    "D /bin/vi",
                    "C /etc",
                    "C /etc/group",
                    "C /etc/passwd",
                    "A /etc/shadow",
                    "C /home",
                    "A /home/bob",
                    "A /newdir",
                    "A /newdir/f",
                    "D /root",
                    "C /tmp",
                    "A /tmp/done");
            Containers.await("the changes", Duration.ofSeconds(20),
                    () -> docker.run("diff", name).stdoutLines().contains("A /tmp/done")
                            || !Containers.inspect(docker, name, "{{.State.Status}}").equals("running"));
            assertEquals(expected, docker.run("diff", name).assertSuccess().stdoutLines(),
                    () -> docker.run("logs", name).describe("logs"));

            docker.run("stop", "-t", "0", name).assertSuccess();
            assertEquals(expected, docker.run("diff", name).assertSuccess().stdoutLines());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void aDirectoryRecreatedEmptyHidesWhatTheImageHadThere(DockerCli docker) {
        String name = Containers.unique("diffopq");
        try {
            // /home is replaced by a fresh directory: overlayfs marks it opaque, hiding /home/user
            docker.run("run", "--name", name, "busybox", "sh", "-c",
                    "rm -r /home && mkdir /home && mkdir /home/other").assertSuccess();
            assertEquals(List.of("C /home", "A /home/other", "D /home/user"),
                    docker.run("diff", name).assertSuccess().stdoutLines());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void aNewContainerHasNoChangesAndAnUnknownOneIs404(DockerCli docker) {
        String name = Containers.unique("diffnew");
        try {
            docker.run("create", "--name", name, "busybox", "true").assertSuccess();
            assertEquals("", docker.run("diff", name).assertSuccess().stdout());
            docker.run("start", "-a", name).assertSuccess();
            assertEquals("", docker.run("diff", name).assertSuccess().stdout());
        } finally {
            Containers.removeAll(docker, name);
        }
        assertEquals("Error response from daemon: No such container: nosuchctr\n",
                docker.run("diff", "nosuchctr").assertExitCode(1).stderr());
    }
}
