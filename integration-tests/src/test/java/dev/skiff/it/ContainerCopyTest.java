package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.UnixHttp;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker cp both ways (cp-to-container.txt, cp-from-container.txt), hostile archives refused. */
@SkiffTest
class ContainerCopyTest {

    @Test
    void aFileAndADirectoryRoundTripWithModesAndSymlinks(DockerCli docker, @TempDir Path tmp) throws IOException {
        Path src = sampleTree(tmp.resolve("src"));
        String name = Containers.unique("cp");
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sleep", "600").assertSuccess();
            docker.run("cp", src.toString(), name + ":/tmp/").assertSuccess();
            docker.run("cp", src.resolve("a.txt").toString(), name + ":/tmp/renamed.txt").assertSuccess();

            Path back = tmp.resolve("back");
            Files.createDirectory(back);
            docker.run("cp", name + ":/tmp/src", back.resolve("copy").toString()).assertSuccess();
            assertEquals(describe(src), describe(back.resolve("copy")));
            docker.run("cp", name + ":/tmp/renamed.txt", back.toString()).assertSuccess();
            assertEquals("alpha\n", Files.readString(back.resolve("renamed.txt")));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("renamed.txt"))));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void dirDotCopiesTheContentBothWays(SkiffDaemon daemon, DockerCli docker, @TempDir Path tmp) throws IOException {
        Path src = sampleTree(tmp.resolve("src"));
        String name = Containers.unique("cpdot");
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sh", "-c", "mkdir /target && sleep 600").assertSuccess();
            awaitPath(daemon, name, "/target");
            docker.run("cp", src + "/.", name + ":/target").assertSuccess();
            Path out = tmp.resolve("out");
            Files.createDirectory(out);
            docker.run("cp", name + ":/target/.", out.toString()).assertSuccess();
            assertEquals(describe(src), describe(out));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void copyIntoAStoppedAndANeverStartedContainer(DockerCli docker, @TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("greeting");
        Files.writeString(file, "hello from the host\n");
        String name = Containers.unique("cpstopped");
        try {
            docker.run("create", "--name", name, "busybox", "cat", "/greeting").assertSuccess();
            docker.run("cp", file.toString(), name + ":/").assertSuccess();
            assertEquals("hello from the host\n", docker.run("start", "-a", name).assertSuccess().stdout());
            // exited now: copy again, out as a tar on stdout too
            Files.writeString(file, "second\n");
            docker.run("cp", file.toString(), name + ":/greeting").assertSuccess();
            assertEquals("second\n", docker.run("start", "-a", name).assertSuccess().stdout());
            CommandResult tar = docker.run("cp", name + ":/greeting", "-").assertSuccess();
            assertTrue(tar.stdout().startsWith("greeting\0"), tar.stdout());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void statHeaderAndTheContainersOwnBindMountedFiles(SkiffDaemon daemon, DockerCli docker, @TempDir Path tmp)
            throws IOException {
        String name = Containers.unique("cpstat");
        try {
            docker.run("run", "-d", "--name", name, "--hostname", "cphost", "busybox", "sleep", "600").assertSuccess();
            UnixHttp.Response head = UnixHttp.request(daemon.socket(), "HEAD",
                    "/v1.41/containers/" + name + "/archive?path=/tmp/", null, null);
            assertEquals(200, head.status());
            String stat = new String(Base64.getDecoder().decode(head.headers().get("x-docker-container-path-stat")),
                    StandardCharsets.UTF_8);
            // Go's FileMode: directory bit 1<<31, sticky 1<<20, 0777
            assertTrue(stat.startsWith("{\"name\":\"tmp\",\"size\":"), stat);
            assertTrue(stat.contains("\"mode\":" + ((1L << 31) | (1L << 20) | 0777) + ","), stat);
            assertTrue(stat.endsWith("\"linkTarget\":\"\"}"), stat);

            docker.run("cp", name + ":/etc/hostname", tmp.toString()).assertSuccess();
            assertEquals("cphost\n", Files.readString(tmp.resolve("hostname")));

            UnixHttp.Response link = UnixHttp.request(daemon.socket(), "HEAD",
                    "/v1.41/containers/" + name + "/archive?path=/bin/sh", null, null);
            String linkStat = new String(Base64.getDecoder().decode(link.headers().get("x-docker-container-path-stat")),
                    StandardCharsets.UTF_8);
            assertTrue(linkStat.endsWith("\"linkTarget\":\"/bin/busybox\"}"), linkStat);

            CommandResult missing = docker.run("cp", name + ":/nonexistent", tmp.resolve("x").toString());
            missing.assertExitCode(1);
            assertEquals("Error response from daemon: Could not find the file /nonexistent in container " + name + "\n",
                    missing.stderr());
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void symlinksAreFollowedInsideTheContainerAndArchiveUidGidIsKeptOrTheUsers(DockerCli docker, @TempDir Path tmp)
            throws IOException {
        String name = Containers.unique("cplink");
        Path file = tmp.resolve("owned.txt");
        Files.writeString(file, "mine\n");
        try {
            // /lnk -> / : host paths through it would be the host's /etc/passwd
            docker.run("create", "--name", name, "--user", "1000", "busybox", "true").assertSuccess();
            docker.run("cp", file.toString(), name + ":/tmp/").assertSuccess();
            docker.run("start", "-a", name).assertSuccess();
            Path link = tmp.resolve("lnk");
            Files.createSymbolicLink(link, Path.of("/"));
            docker.run("cp", link.toString(), name + ":/").assertSuccess();

            Path out = tmp.resolve("out");
            Files.createDirectory(out);
            docker.run("cp", name + ":/lnk/etc/passwd", out.toString()).assertSuccess();
            assertTrue(Files.readString(out.resolve("passwd")).contains("user:x:1000:1000:"),
                    Files.readString(out.resolve("passwd")));

            docker.run("cp", "-a", file.toString(), name + ":/lnk/home/user/").assertSuccess();
            assertEquals("1000:1000", owner(docker.run("cp", name + ":/home/user/owned.txt", "-").assertSuccess()));
            int uid = (Integer) Files.getAttribute(file, "unix:uid");
            assertEquals(uid + ":" + Files.getAttribute(file, "unix:gid"),
                    owner(docker.run("cp", name + ":/tmp/owned.txt", "-").assertSuccess()));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    /** uid:gid of the single entry of a tar printed by {@code docker cp ... -}. */
    private static String owner(CommandResult tar) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(
                new java.io.ByteArrayInputStream(tar.stdout().getBytes(StandardCharsets.ISO_8859_1)))) {
            TarArchiveEntry e = in.getNextTarEntry();
            return e.getLongUserId() + ":" + e.getLongGroupId();
        }
    }

    @Test
    void volumesAreWrittenThroughToTheirSourceUnlessReadOnly(DockerCli docker, @TempDir Path tmp) throws IOException {
        Path rw = Files.createDirectory(tmp.resolve("rw"));
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Path file = tmp.resolve("f.txt");
        Files.writeString(file, "into the volume\n");
        String name = Containers.unique("cpvol");
        try {
            docker.run("run", "-d", "--name", name, "-v", rw + ":/data", "-v", ro + ":/data/ro:ro", "busybox",
                    "sleep", "600").assertSuccess();
            docker.run("cp", file.toString(), name + ":/data/").assertSuccess();
            assertEquals("into the volume\n", Files.readString(rw.resolve("f.txt")));
            CommandResult refused = docker.run("cp", file.toString(), name + ":/data/ro/");
            refused.assertExitCode(1);
            assertEquals("Error response from daemon: mounted volume is marked read-only\n", refused.stderr());
            assertFalse(Files.exists(ro.resolve("f.txt")));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void devicesAndFifosArriveAsNodesNotAsFiles(DockerCli docker, @TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("nodes"));
        for (List<String> cmd : List.of(List.of("mkfifo", "-m", "0640", src.resolve("fifo").toString()),
                List.of("mknod", "-m", "0600", src.resolve("null").toString(), "c", "1", "3"))) {
            assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor(), cmd.toString());
        }
        String name = Containers.unique("cpnodes");
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sleep", "600").assertSuccess();
            docker.run("cp", src.toString(), name + ":/").assertSuccess();
            CommandResult stat = docker.run("exec", name, "stat", "-c", "%n %F %a %t:%T", "/nodes/fifo", "/nodes/null");
            stat.assertSuccess();
            assertEquals("/nodes/fifo fifo 640 0:0\n/nodes/null character special file 600 1:3\n", stat.stdout());

            docker.run("cp", name + ":/nodes", tmp.resolve("back").toString()).assertSuccess();
            assertEquals(0010640, Files.getAttribute(tmp.resolve("back/fifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS));
            assertEquals(0020600, Files.getAttribute(tmp.resolve("back/null"), "unix:mode", LinkOption.NOFOLLOW_LINKS));
            assertEquals(Files.getAttribute(src.resolve("null"), "unix:rdev"),
                    Files.getAttribute(tmp.resolve("back/null"), "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        } finally {
            Containers.removeAll(docker, name);
        }
    }

    @Test
    void hostileArchivesAreRefusedAndNothingLandsOutside(SkiffDaemon daemon, DockerCli docker) throws IOException {
        String name = Containers.unique("cphostile");
        Path outside = Path.of("/tmp/skiff-it-cp-escape-" + name);
        try {
            docker.run("run", "-d", "--name", name, "busybox", "sh", "-c", "mkdir -p /dest && sleep 600").assertSuccess();
            awaitPath(daemon, name, "/dest");
            List<byte[]> hostile = List.of(
                    tar(t -> file(t, "../../../../../../../.." + outside, "x")),
                    tar(t -> file(t, outside.toString(), "x")),
                    tar(t -> {
                        symlink(t, "up", "../..");
                        file(t, "up/escaped", "x");
                    }),
                    tar(t -> {
                        symlink(t, "abs", "/");
                        file(t, "abs" + outside, "x");
                    }),
                    tar(t -> hardlink(t, "hl", "../../etc/passwd")),
                    tar(t -> symlink(t, "rel", "../../../../.." + outside)));
            for (byte[] archive : hostile) {
                UnixHttp.Response r = UnixHttp.request(daemon.socket(), "PUT",
                        "/v1.41/containers/" + name + "/archive?path=/dest&noOverwriteDirNonDir=true", archive,
                        "application/x-tar");
                assertEquals(400, r.status(), r.bodyText());
                assertTrue(r.bodyText().contains("refusing to extract the archive"), r.bodyText());
            }
            assertFalse(Files.exists(outside, LinkOption.NOFOLLOW_LINKS));
            assertEquals(404, head(daemon, name, "/escaped"));

            // an ordinary one still works
            UnixHttp.Response ok = UnixHttp.request(daemon.socket(), "PUT",
                    "/v1.41/containers/" + name + "/archive?path=/dest", tar(t -> file(t, "ok", "fine")),
                    "application/x-tar");
            assertEquals(200, ok.status(), ok.bodyText());
            assertEquals(200, head(daemon, name, "/dest/ok"));
        } finally {
            Containers.removeAll(docker, name);
            Files.deleteIfExists(outside);
        }
    }

    private static void awaitPath(SkiffDaemon daemon, String name, String path) {
        Containers.await(path, Duration.ofSeconds(20), () -> {
            try {
                return head(daemon, name, path) == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int head(SkiffDaemon daemon, String name, String path) throws IOException {
        return UnixHttp.request(daemon.socket(), "HEAD", "/v1.41/containers/" + name + "/archive?path=" + path,
                null, null).status();
    }

    /** a.txt 0640, bin/run.sh 0755, sub/deep/b.txt, link -> a.txt, dangling -> /nowhere. */
    private static Path sampleTree(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub/deep"));
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("a.txt"), "alpha\n");
        Files.setPosixFilePermissions(dir.resolve("a.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(dir.resolve("bin/run.sh"), "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(dir.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("sub/deep/b.txt"), "beta\n");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("a.txt"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/nowhere"));
        return dir;
    }

    /** Every path below {@code dir} with its type, permissions and content or link target. */
    private static List<String> describe(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String rel = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.add(rel + " -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    out.add(rel + "/ " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                } else {
                    out.add(rel + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " "
                            + Files.readString(p));
                }
            }
        }
        return out;
    }

    private interface TarBody {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    private static byte[] tar(TarBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(t);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream t, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream t, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    private static void hardlink(TarArchiveOutputStream t, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }
}
