package dev.skiff.runtime.layer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs as root: whiteouts are 0/0 device nodes, opaque directories a trusted.* xattr. */
class MergedLayersTest {
    @TempDir
    Path tmp;
    Path lower;
    Path middle;
    Path upper;
    MergedLayers merged;

    @BeforeEach
    void layers() throws Exception {
        lower = Files.createDirectory(tmp.resolve("lower"));
        middle = Files.createDirectory(tmp.resolve("middle"));
        upper = Files.createDirectory(tmp.resolve("upper"));
        merged = new MergedLayers(List.of(upper, middle, lower));
    }

    private static Path file(Path layer, String path) throws Exception {
        Path p = layer.resolve(path);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, path, StandardCharsets.UTF_8);
    }

    private static void whiteout(Path layer, String path) throws Exception {
        Path p = layer.resolve(path);
        Files.createDirectories(p.getParent());
        LayerSyscalls.mknod(p, LayerLibc.S_IFCHR, 0);
    }

    private static void opaqueDir(Path layer, String path) throws Exception {
        Path p = Files.createDirectories(layer.resolve(path));
        LayerSyscalls.lsetxattr(p, OverlayTarApplier.OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void topmostLayerThatHasTheNameWins() throws Exception {
        file(lower, "etc/passwd");
        Path top = file(middle, "etc/passwd");
        file(lower, "etc/group");

        assertEquals(Optional.of(top), merged.lookup("/etc/passwd"));
        assertEquals(Optional.of(lower.resolve("etc/group")), merged.lookup("/etc/group"));
        assertEquals(Optional.empty(), merged.lookup("/etc/shadow"));
        assertEquals(new TreeSet<>(List.of("group", "passwd")), merged.names("/etc"));
    }

    @Test
    void whiteoutHidesTheNameBelow() throws Exception {
        file(lower, "etc/passwd");
        file(lower, "etc/group");
        whiteout(middle, "etc/passwd");

        assertEquals(Optional.empty(), merged.lookup("/etc/passwd"));
        assertEquals(new TreeSet<>(List.of("group")), merged.names("/etc"));
    }

    @Test
    void opaqueDirectoryHidesTheDirectoriesBelowIt() throws Exception {
        file(lower, "etc/passwd");
        file(lower, "etc/group");
        opaqueDir(middle, "etc");
        Path own = file(middle, "etc/group");
        Path above = file(upper, "etc/hosts");

        assertEquals(Optional.empty(), merged.lookup("/etc/passwd"), "hidden by the opaque etc above it");
        assertEquals(Optional.of(own), merged.lookup("/etc/group"));
        assertEquals(Optional.of(above), merged.lookup("/etc/hosts"), "layers above the opaque one still count");
        assertEquals(new TreeSet<>(List.of("group", "hosts")), merged.names("/etc"));
    }

    @Test
    void opaqueDirectoryHidesWholeSubtreesBelowIt() throws Exception {
        file(lower, "var/lib/app/state");
        opaqueDir(upper, "var");

        assertEquals(Optional.empty(), merged.lookup("/var/lib/app/state"));
        assertEquals(new TreeSet<>(), merged.names("/var/lib"));
    }

    @Test
    void fileEndsTheStackOfDirectoriesAtItsPath() throws Exception {
        file(lower, "opt/tool/bin");
        file(upper, "opt/tool");

        assertEquals(Optional.empty(), merged.lookup("/opt/tool/bin"));
        assertEquals(Optional.of(upper.resolve("opt/tool")), merged.lookup("/opt/tool"));
    }

    @Test
    void symlinkedDirectoryInALayerIsNotFollowed() throws Exception {
        Path host = Files.createDirectory(tmp.resolve("host-etc"));
        file(host, "passwd");
        Files.createSymbolicLink(upper.resolve("etc"), host);
        file(lower, "etc/passwd");

        assertEquals(Optional.empty(), merged.lookup("/etc/passwd"), "the symlink hides lower etc, leads nowhere");
        assertEquals(Optional.of(upper.resolve("etc")), merged.lookup("/etc"));
    }
}
