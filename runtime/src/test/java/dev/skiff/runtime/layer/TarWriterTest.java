package dev.skiff.runtime.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header details where skiff's two former tar writers disagreed, settled as dockerd's archive
 * package writes them. Runs as root (device nodes, trusted.* xattrs).
 */
class TarWriterTest {
    @TempDir
    Path tmp;

    /** Writes each top-level entry of {@code dir} and everything below it, as an export does. */
    private static byte[] tarOf(Path dir, boolean layer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (layer) {
            new OverlayTarWriter(dir).write(out);
            return out.toByteArray();
        }
        TarWriter tar = TarWriter.forFiles(out);
        writeTree(tar, dir, "");
        tar.finish();
        return out.toByteArray();
    }

    private static void writeTree(TarWriter tar, Path dir, String prefix) throws Exception {
        for (Path child : TarWriter.sortedChildren(dir)) {
            String name = prefix + child.getFileName();
            if (tar.write(name, child)) {
                writeTree(tar, child, name + "/");
            }
        }
    }

    private static List<TarArchiveEntry> entries(byte[] tar) throws Exception {
        List<TarArchiveEntry> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static TarArchiveEntry entry(byte[] tar, String name) throws Exception {
        return entries(tar).stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError(name + " not in the tar"));
    }

    private static boolean contains(byte[] tar, String text) {
        return new String(tar, StandardCharsets.ISO_8859_1).contains(text);
    }

    @Test
    void modeHoldsTheFileTypeBitsAsDockerd2010Writes() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("d"));
        Files.writeString(d.resolve("f"), "x");
        Files.createSymbolicLink(d.resolve("l"), Path.of("f"));
        LayerSyscalls.mknod(d.resolve("fifo"), LayerLibc.S_IFIFO | 0644, 0);
        LayerSyscalls.chmod(d, 0750);
        LayerSyscalls.chmod(d.resolve("f"), 04755);

        byte[] tar = tarOf(tmp, false);

        assertEquals(040750, entry(tar, "d/").getMode());
        assertEquals(0104755, entry(tar, "d/f").getMode());
        assertEquals(0120777, entry(tar, "d/l").getMode());
        assertEquals(010644, entry(tar, "d/fifo").getMode());
    }

    @Test
    void mtimeIsWholeSecondsWithoutPaxTimeRecords() throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        Files.setLastModifiedTime(f, FileTime.from(Instant.ofEpochSecond(1_600_000_000L, 987_654_321)));

        byte[] tar = tarOf(tmp, false);

        assertEquals(Instant.ofEpochSecond(1_600_000_000L), entry(tar, "f").getLastModifiedTime().toInstant());
        assertFalse(contains(tar, "mtime="), "no PAX record for the fraction dockerd drops");
        assertFalse(contains(tar, "PaxHeader"), "a plain ustar entry");
    }

    @Test
    void nonAsciiNamesGoInUtf8PaxRecords() throws Exception {
        Files.writeString(tmp.resolve("caf\u00e9"), "x");

        byte[] tar = tarOf(tmp, false);

        assertEquals("caf\u00e9", entries(tar).get(0).getName());
        assertTrue(contains(tar, "path=caf\u00c3\u00a9\n"), "the name as a PAX path record, in UTF-8");
    }

    @Test
    void archiveEndsWithTwoZeroBlocksAndNoPadding() throws Exception {
        Files.writeString(tmp.resolve("f"), "x");

        byte[] tar = tarOf(tmp, false);

        assertEquals(512 + 512 + 1024, tar.length, "header, one content block, end of archive");
    }

    @Test
    void siblingsComeInByteOrderAsGoSortsThem() throws Exception {
        String ligature = "\ufb01";              // UTF-8 EF AC 81
        String emoji = "\ud83d\ude00";           // UTF-8 F0 9F 98 80, but first in UTF-16 order
        Files.writeString(tmp.resolve(emoji), "x");
        Files.writeString(tmp.resolve(ligature), "x");

        byte[] tar = tarOf(tmp, false);

        assertEquals(List.of(ligature, emoji), entries(tar).stream().map(TarArchiveEntry::getName).toList());
    }

    @Test
    void laterNamesOfAnyNonDirectoryInodeAreHardLinks() throws Exception {
        Files.writeString(tmp.resolve("a"), "x");
        Files.createLink(tmp.resolve("b"), tmp.resolve("a"));
        Files.createSymbolicLink(tmp.resolve("s1"), Path.of("a"));
        Files.createLink(tmp.resolve("s2"), tmp.resolve("s1"));   // link(2) does not follow the symlink

        List<TarArchiveEntry> es = entries(tarOf(tmp, false));

        assertTrue(es.get(1).isLink() && es.get(1).getLinkName().equals("a"), "b links to a");
        assertTrue(es.get(2).isSymbolicLink(), "the first name of the symlink's inode is the symlink");
        assertTrue(es.get(3).isLink() && es.get(3).getLinkName().equals("s1"), "s2 links to s1");
    }

    @Test
    void whiteoutIsAnEmptyFileOfMode0600WithTheNodesOwnerAndTime() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("etc"));
        Path node = d.resolve("gone");
        LayerSyscalls.mknod(node, LayerLibc.S_IFCHR, 0);
        LayerSyscalls.lchown(node, 1000, 1001);
        LayerSyscalls.lutimes(node, 1_500_000_000L, 0, 1_500_000_000L, 500_000_000);

        TarArchiveEntry wh = entry(tarOf(tmp, true), "etc/.wh.gone");

        assertTrue(wh.isFile());
        assertEquals(0600, wh.getMode(), "dockerd sets exactly 0600, without type bits");
        assertEquals(0, wh.getSize());
        assertEquals(1000, wh.getLongUserId());
        assertEquals(1001, wh.getLongGroupId());
        assertEquals(Instant.ofEpochSecond(1_500_000_000L), wh.getLastModifiedTime().toInstant());
    }

    @Test
    void opaqueMarkerHasTheDirectorysPermissionsAndOwnerAndTimeZero() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("var"));
        LayerSyscalls.lsetxattr(d, OverlayTarApplier.OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
        LayerSyscalls.chmod(d, 0750);
        LayerSyscalls.lchown(d, 7, 8);

        List<TarArchiveEntry> es = entries(tarOf(tmp, true));

        assertEquals(List.of("var/", "var/.wh..wh..opq"), es.stream().map(TarArchiveEntry::getName).toList());
        TarArchiveEntry opq = es.get(1);
        assertTrue(opq.isFile());
        assertEquals(0750, opq.getMode());
        assertEquals(7, opq.getLongUserId());
        assertEquals(8, opq.getLongGroupId());
        assertEquals(0, opq.getLastModifiedTime().toMillis());
    }

    @Test
    void overlayMarkersAreKeptAsTheyAreInAPlainArchive() throws Exception {
        LayerSyscalls.mknod(tmp.resolve("gone"), LayerLibc.S_IFCHR, 0);

        TarArchiveEntry e = entries(tarOf(tmp, false)).get(0);

        assertEquals("gone", e.getName());
        assertTrue(e.isCharacterDevice());
    }

    @Test
    void fileCapabilitiesTravelAsRawBytesInTheOnePaxHeader() throws Exception {
        // VFS_CAP_REVISION_2 | effective; permitted CAP_SETUID (bit 7: a byte above 0x7f) and CAP_NET_RAW
        byte[] capability = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        String longName = "d".repeat(60) + "/" + "p\u00efng-".repeat(10);
        Path f = Files.writeString(Files.createDirectories(tmp.resolve("d".repeat(60))).resolve("p\u00efng-".repeat(10)),
                "ping");
        LayerSyscalls.lsetxattr(f, "security.capability", capability);

        byte[] tar = tarOf(tmp, false);

        String text = new String(tar, StandardCharsets.ISO_8859_1);
        assertEquals(text.indexOf("PaxHeaders"), text.lastIndexOf("PaxHeaders"),
                "one PAX header: readers such as Go's keep only the last of two");
        TarEntry e;
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        do {
            e = reader.next();
        } while (e != null && !e.isRegular());
        assertEquals(longName, e.name(), "the long, non-ASCII name from the same PAX header");
        assertArrayEquals(capability, e.xattrs().get("security.capability"));
        assertEquals("ping", new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(null, reader.next());

        // and extraction puts it back
        LayerInfo layer = new OverlayLayerStore(tmp.resolve("layers")).registerComputed(null, new ByteArrayInputStream(tar), c -> { });
        assertArrayEquals(capability, Xattrs.get(layer.diffDir().resolve(longName), "security.capability"));
    }
}
