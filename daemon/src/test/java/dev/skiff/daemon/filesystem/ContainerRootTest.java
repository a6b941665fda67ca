package dev.skiff.daemon.filesystem;

import dev.skiff.runtime.BindMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContainerRootTest {
    @TempDir
    Path tmp;

    @Test
    void symlinksResolveInsideTheContainerNeverOnTheHost() throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("usr/lib"));
        Files.createSymbolicLink(rootfs.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(rootfs.resolve("abs"), Path.of("/etc"));          // host /etc must not be used
        Files.createSymbolicLink(rootfs.resolve("up"), Path.of("../../../../.."));  // climbs no higher than /
        Files.createSymbolicLink(rootfs.resolve("loop"), Path.of("loop"));
        ContainerRoot root = new ContainerRoot(rootfs, List.of());

        assertEquals("/usr/lib/x", root.resolve("/lib/x"));
        assertEquals("/etc/passwd", root.resolve("abs/passwd"));
        assertEquals(rootfs.resolve("etc/passwd"), root.hostPath(root.resolve("/abs/passwd")));
        assertEquals("/", root.resolve("/up"));
        assertEquals("/tmp", root.resolve("/up/../tmp/."));
        assertEquals("/lib", root.resolveParent("/lib"));
        assertThrows(IOException.class, () -> root.resolve("/loop/x"));
    }

    @Test
    void bindMountsAreSeenAtTheirDestinations() {
        ContainerRoot root = new ContainerRoot(tmp.resolve("rootfs"), List.of(
                new BindMount("/srv/hostname", "/etc/hostname", false),
                new BindMount("/srv/vol", "/data", false),
                new BindMount("/srv/inner", "/data/inner/", true)));
        assertEquals(Path.of("/srv/hostname"), root.hostPath("/etc/hostname"));
        assertEquals(tmp.resolve("rootfs/etc/hosts"), root.hostPath("/etc/hosts"));
        assertEquals(Path.of("/srv/vol/a/b"), root.hostPath("/data/a/b"));
        assertEquals(Path.of("/srv/inner/c"), root.hostPath("/data/inner/c"));
        assertEquals(tmp.resolve("rootfs/database"), root.hostPath("/database"));
        assertEquals(tmp.resolve("rootfs"), root.hostPath("/"));
        assertEquals(true, root.isReadOnly("/data/inner/c"));
        assertEquals(false, root.isReadOnly("/data/a"));
        assertEquals(false, root.isReadOnly("/etc"));
    }

    @Test
    void cleanAndWithin() {
        assertEquals("/a/c", ContainerRoot.clean("a/./b/../c/"));
        assertEquals("/", ContainerRoot.clean("/../.."));
        assertEquals(true, ContainerRoot.isWithin("/dest/x", "/dest"));
        assertEquals(false, ContainerRoot.isWithin("/destination", "/dest"));
        assertEquals(true, ContainerRoot.isWithin("/anything", "/"));
    }
}
