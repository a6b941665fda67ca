package dev.skiff.runtime.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs as root against the real filesystem: mknod, lchown and trusted.* xattrs need it. */
class OverlayLayerStoreTest {
    private static final String NONE = null;

    @TempDir
    Path tmp;
    Path layers;
    Path outside;
    OverlayLayerStore store;

    @BeforeEach
    void setUp() throws IOException {
        layers = tmp.resolve("layers");
        outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        store = new OverlayLayerStore(layers);
    }

    private LayerInfo register(String parent, byte[] tar) throws Exception {
        return store.register(parent, TestTars.diffId(tar), new ByteArrayInputStream(tar));
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void extractsFilesWithOwnersModesTimesAndLinks() throws Exception {
        byte[] tar = new TestTars()
                .dir("bin/", 0755)
                .file("bin/su", 04755, "suid")
                .dir("tmp/", 01777)
                .file("etc/owned", 0640, "x", e -> {
                    e.setUserId(1000);
                    e.setGroupId(2000);
                })
                .symlink("bin/sh", "su")
                .hardlink("bin/su2", "bin/su")
                .special("dev/null", TarArchiveEntry.LF_CHR, 0666, 1, 3)
                .special("run/fifo", TarArchiveEntry.LF_FIFO, 0600, 0, 0)
                .file("xattr", 0644, "", e -> e.addPaxHeader("SCHILY.xattr.user.note", "hello"))
                .build();
        LayerInfo layer = register(NONE, tar);
        Path d = layer.diffDir();

        assertEquals(TestTars.diffId(tar), layer.diffId());
        assertEquals(layer.diffId(), layer.chainId());
        assertEquals(4 + 1 + 2, layer.size(), "su, owned, the symlink's target; su2 shares su's inode");
        assertEquals(0104755, mode(d.resolve("bin/su")));
        assertEquals(041777, mode(d.resolve("tmp")));
        assertEquals(1000, Files.getAttribute(d.resolve("etc/owned"), "unix:uid"));
        assertEquals(2000, Files.getAttribute(d.resolve("etc/owned"), "unix:gid"));
        assertEquals(040755, mode(d.resolve("etc")), "missing parents are created 0755");
        assertEquals(Path.of("su"), Files.readSymbolicLink(d.resolve("bin/sh")));
        assertEquals(FileTime.fromMillis(1_600_000_000_000L),
                Files.getLastModifiedTime(d.resolve("bin/sh"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(FileTime.fromMillis(1_600_000_000_000L), Files.getLastModifiedTime(d.resolve("bin")),
                "directory times are applied after its children were created");
        assertEquals(Files.getAttribute(d.resolve("bin/su"), "unix:ino"),
                Files.getAttribute(d.resolve("bin/su2"), "unix:ino"));
        assertEquals(020666, mode(d.resolve("dev/null")));
        assertEquals(LayerSyscalls.makedev(1, 3), ((Number) Files.getAttribute(d.resolve("dev/null"), "unix:rdev")).longValue());
        assertEquals(010600, mode(d.resolve("run/fifo")));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), Xattrs.get(d.resolve("xattr"), "user.note"));
    }

    @Test
    void convertsWhiteoutsAndOpaqueDirectories() throws Exception {
        byte[] base = new TestTars().file("etc/gone", 0644, "a").file("var/cache/x", 0644, "b").build();
        LayerInfo lower = register(NONE, base);
        byte[] upper = new TestTars()
                .file("etc/.wh.gone", 0644, "")
                .dir("var/cache/", 0755)
                .file("var/cache/.wh..wh..opq", 0644, "")
                .file("var/cache/.wh..wh.plnk", 0644, "")
                .build();
        LayerInfo layer = register(lower.chainId(), upper);
        Path d = layer.diffDir();

        Path whiteout = d.resolve("etc/gone");
        assertEquals(020000, mode(whiteout), "0/0 character device with no permission bits");
        assertEquals(0L, ((Number) Files.getAttribute(whiteout, "unix:rdev")).longValue());
        assertFalse(Files.exists(d.resolve("etc/.wh.gone"), LinkOption.NOFOLLOW_LINKS));
        assertArrayEquals("y".getBytes(StandardCharsets.US_ASCII), Xattrs.get(d.resolve("var/cache"), "trusted.overlay.opaque"));
        assertFalse(Files.exists(d.resolve("var/cache/.wh..wh..opq"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(d.resolve("var/cache/.wh..wh.plnk"), LinkOption.NOFOLLOW_LINKS));
        assertNull(Xattrs.get(d.resolve("etc"), "trusted.overlay.opaque"));

        assertEquals(OverlayLayerStore.chainIds(List.of(lower.diffId(), layer.diffId())),
                List.of(lower.chainId(), layer.chainId()));
        assertEquals(List.of(layer.diffDir(), lower.diffDir()),
                store.lowerDirs(List.of(lower.chainId(), layer.chainId())));
        assertEquals(lower.chainId(), store.get(layer.chainId()).orElseThrow().parentChainId());
    }

    @Test
    void laterEntriesReplaceEarlierOnesWithoutFollowingLinks() throws Exception {
        byte[] tar = new TestTars()
                .symlink("f", "../../outside/victim")
                .file("f", 0644, "replaced")
                .build();
        Path d = register(NONE, tar).diffDir();
        assertEquals("replaced", Files.readString(d.resolve("f")));
        assertFalse(Files.exists(outside.resolve("victim")));
    }

    @Test
    void sharedLayersAreStoredOnce() throws Exception {
        byte[] tar = new TestTars().file("a", 0644, "same").build();
        LayerInfo first = register(NONE, tar);
        LayerInfo second = register(NONE, tar);
        assertEquals(first, second);
        try (Stream<Path> s = Files.list(layers)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aLayerOfUnknownDiffIdIsNamedByTheIdComputedWhileExtracting() throws Exception {
        byte[] tar = new TestTars().file("committed", 0644, "new").build();
        LayerInfo parent = register(NONE, new TestTars().file("base", 0644, "b").build());
        LayerInfo computed = store.registerComputed(parent.chainId(), new ByteArrayInputStream(tar), c -> { });
        assertEquals(TestTars.diffId(tar), computed.diffId());
        assertEquals(OverlayLayerStore.chainId(parent.chainId(), TestTars.diffId(tar)), computed.chainId());
        assertEquals("new", Files.readString(computed.diffDir().resolve("committed")));
        // the same content again is the layer already stored, not a second copy
        assertEquals(computed, store.registerComputed(parent.chainId(), new ByteArrayInputStream(tar), c -> { }));
        try (Stream<Path> s = Files.list(layers)) {
            assertEquals(2, s.count());
        }
    }

    @Test
    void removedLayersLeaveNoDirectoryAndCanBeRegisteredAgain() throws Exception {
        byte[] tar = new TestTars().file("a", 0644, "x").build();
        LayerInfo layer = register(NONE, tar);
        store.remove(layer.chainId());
        assertFalse(store.exists(layer.chainId()));
        try (Stream<Path> s = Files.list(layers)) {
            assertEquals(0, s.count());
        }
        store.remove(layer.chainId());   // already gone: nothing to do
        assertEquals(layer, register(NONE, tar));
    }

    @Test
    void diffIdMismatchLeavesNothing() throws Exception {
        byte[] tar = new TestTars().file("a", 0644, "content").build();
        String wrong = "sha256:" + "0".repeat(64);
        DiffIdMismatchException e = assertThrows(DiffIdMismatchException.class,
                () -> store.register(null, wrong, new ByteArrayInputStream(tar)));
        assertEquals(TestTars.diffId(tar), e.actual());
        assertFalse(store.exists(wrong));
        assertLayersDirEmpty();
    }

    @Test
    void startupRemovesTempDirsAndLayersWithoutMetadata() throws Exception {
        LayerInfo good = register(NONE, new TestTars().file("a", 0644, "x").build());
        Files.createDirectories(layers.resolve(".tmp-123/diff/half"));
        Files.createDirectories(layers.resolve("ab".repeat(32)).resolve("diff"));
        OverlayLayerStore reopened = new OverlayLayerStore(layers);
        try (Stream<Path> s = Files.list(layers)) {
            assertEquals(List.of(layers.resolve(good.chainId().substring(7))), s.toList());
        }
        assertTrue(reopened.exists(good.chainId()));
    }

    @Test
    void aLayerIsMarkedUntilFlushedAndOnlyAMarkOfAnEarlierBootMeansDamage() throws Exception {
        Path root = tmp.resolve("slow");
        try (OverlayLayerStore slow = new OverlayLayerStore(root, Duration.ofDays(1))) {
            byte[] tar = new TestTars().file("a", 0644, "x").build();
            LayerInfo layer = slow.register(NONE, TestTars.diffId(tar), new ByteArrayInputStream(tar));
            Path dir = layer.diffDir().getParent();
            assertTrue(LayerFlusher.isMarkedThisBoot(dir));
            assertEquals(List.of(), slow.possiblyDamaged(), "the page cache still has what is not on disk yet");

            Files.writeString(dir.resolve(LayerFlusher.MARKER), "an earlier boot");   // a power cut came first
            assertEquals(List.of(layer.chainId()), new OverlayLayerStore(root, Duration.ofDays(1)).possiblyDamaged());
            Files.writeString(dir.resolve(LayerFlusher.MARKER), "");   // the marker's own content lost with it
            assertEquals(List.of(layer.chainId()), slow.possiblyDamaged());

            slow.flush();
            assertFalse(Files.exists(dir.resolve(LayerFlusher.MARKER)));
            assertEquals("x", Files.readString(layer.diffDir().resolve("a")));
        }
    }

    @Test
    void layersAreFlushedOnceRegistrationsPauseAndAfterARestartThatCameFirst() throws Exception {
        Path root = tmp.resolve("restarted");
        try (OverlayLayerStore stopped = new OverlayLayerStore(root, Duration.ofDays(1))) {
            byte[] tar = new TestTars().file("a", 0644, "x").build();
            Path dir = stopped.register(NONE, TestTars.diffId(tar), new ByteArrayInputStream(tar)).diffDir().getParent();
            // the daemon is killed before its flush; the one started next flushes the layer
            try (OverlayLayerStore next = new OverlayLayerStore(root, Duration.ofMillis(20))) {
                awaitUnmarked(dir);
                byte[] more = new TestTars().file("b", 0644, "y").build();
                awaitUnmarked(next.register(NONE, TestTars.diffId(more), new ByteArrayInputStream(more))
                        .diffDir().getParent());
            }
        }
    }

    private static void awaitUnmarked(Path layerDir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Files.exists(layerDir.resolve(LayerFlusher.MARKER)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(Files.exists(layerDir.resolve(LayerFlusher.MARKER)));
    }

    // ---- hostile input: each must fail and write nothing outside, leaving no temp dir ----

    @Test
    void rejectsDotDot() {
        assertHostile(new TestTars().file("a/../../outside/evil", 0644, "x").build(), "contains \"..\"");
    }

    @Test
    void rejectsAbsolutePaths() {
        assertHostile(new TestTars().file(outside.resolve("evil").toString(), 0644, "x").build(), "absolute path");
    }

    @Test
    void rejectsWritingThroughARelativeSymlinkThatEscapes() {
        assertHostile(new TestTars()
                .symlink("up", "../../outside")
                .file("up/evil", 0644, "x")
                .build(), "resolves outside the layer");
    }

    @Test
    void rejectsWritingThroughAnAbsoluteSymlink() {
        assertHostile(new TestTars()
                .symlink("abs", outside.toString())
                .file("abs/evil", 0644, "x")
                .build(), "leaves the layer");
    }

    @Test
    void rejectsWhiteoutThroughASymlink() {
        assertHostile(new TestTars()
                .symlink("abs", outside.toString())
                .file("abs/.wh.victim", 0644, "")
                .build(), "leaves the layer");
    }

    @Test
    void rejectsWhiteoutsOfDotAndDotDot() {
        assertHostile(new TestTars().dir("a/", 0755).file("a/.wh...", 0644, "").build(), "is a whiteout for \"..\"");
        assertHostile(new TestTars().file(".wh..", 0644, "").build(), "is a whiteout for \".\"");
    }

    @Test
    void rejectsNamesWithNulBytes() {
        byte[] record = "12 path=f\0x\n".getBytes(StandardCharsets.UTF_8);   // only PAX can carry a NUL
        assertHostile(new TestTars()
                .add(TestTars.entry("PaxHeaders/f", (byte) 'x', 0644), record, e -> { })
                .file("f", 0644, "x")
                .build(), "unusable path");
    }

    @Test
    void rejectsHardLinkToOutside() {
        assertHostile(new TestTars().hardlink("passwd", "../../outside/victim").build(), "contains \"..\"");
        assertHostile(new TestTars().hardlink("passwd", outside.resolve("victim").toString()).build(), "absolute path");
    }

    @Test
    void rejectsHardLinkThroughAnEscapingSymlink() {
        assertHostile(new TestTars()
                .symlink("up", "../../outside")
                .hardlink("passwd", "up/victim")
                .build(), "resolves outside the layer");
    }

    @Test
    void followsSymlinksThatStayInsideTheLayer() throws Exception {
        Path d = register(NONE, new TestTars()
                .dir("usr/lib/", 0755)
                .symlink("lib", "usr/lib")
                .file("lib/libc.so", 0644, "c")
                .build()).diffDir();
        assertEquals("c", Files.readString(d.resolve("usr/lib/libc.so")));
    }

    private void assertHostile(byte[] tar, String messagePart) {
        try {
            Files.writeString(outside.resolve("victim"), "original");
            UnsafeLayerException e = assertThrows(UnsafeLayerException.class, () -> register(NONE, tar));
            assertTrue(e.getMessage().contains(messagePart), e.getMessage());
            try (Stream<Path> s = Files.list(outside)) {
                assertEquals(List.of(outside.resolve("victim")), s.toList(), "nothing written outside");
            }
            assertEquals("original", Files.readString(outside.resolve("victim")));
            assertLayersDirEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void assertLayersDirEmpty() throws IOException {
        try (Stream<Path> s = Files.list(layers)) {
            assertEquals(List.of(), s.toList(), "temp dir removed");
        }
    }

    @Test
    void refusesToRunWithoutUtf8FileNames() throws IOException {
        OverlayLayerStore.requireUtf8Paths("UTF-8");
        IOException e = assertThrows(IOException.class, () -> OverlayLayerStore.requireUtf8Paths("ANSI_X3.4-1968"));
        assertTrue(e.getMessage().contains("LC_ALL=C.UTF-8"), e.getMessage());
    }

    @Test
    void chainIdFollowsTheImageSpec() {
        String a = "sha256:" + "a".repeat(64);
        String b = "sha256:" + "b".repeat(64);
        assertEquals(a, OverlayLayerStore.chainId(null, a));
        // image-spec: ChainID(L1|L2) = sha256(ChainID(L1) + " " + DiffID(L2))
        assertEquals("sha256:" + sha256Hex(a + " " + b), OverlayLayerStore.chainId(a, b));
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
