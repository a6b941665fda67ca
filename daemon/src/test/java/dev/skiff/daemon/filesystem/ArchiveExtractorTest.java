package dev.skiff.daemon.filesystem;

import dev.skiff.daemon.errors.EngineException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveExtractorTest {
    private static final Instant MTIME = Instant.parse("2021-03-04T05:06:07Z");

    @TempDir
    Path tmp;

    @Test
    void entryNamesStayBelowTheDestination() {
        assertEquals("a/b", ArchiveExtractor.relativeName("./a/b/"));
        assertEquals("b", ArchiveExtractor.relativeName("a/../b"));
        assertEquals("", ArchiveExtractor.relativeName("./"));
        assertThrows(EngineException.class, () -> ArchiveExtractor.relativeName("../escape"));
        assertThrows(EngineException.class, () -> ArchiveExtractor.relativeName("a/../../escape"));
        assertThrows(EngineException.class, () -> ArchiveExtractor.relativeName("/abs-escape"));
    }

    @Test
    void filesGetTheirContentOwnerModeAndTimeAcrossDirectories() throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/dest"));
        byte[] big = new byte[(1 << 20) + 777];  // several copy buffers and a partial one
        Arrays.fill(big, (byte) 7);
        byte[] archive = tar(t -> {
            dir(t, "d/");
            file(t, "d/big", big, 0640, 1234, 5678);
            dir(t, "d/sub/");
            file(t, "d/sub/setuid", "x".getBytes(StandardCharsets.UTF_8), 04755, 1000, 1000);
            file(t, "d/empty", new byte[0], 0600, 0, 0);
            file(t, "top", "top".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        });
        extract(rootfs.getParent(), archive);

        Path d = rootfs.resolve("d");
        assertArrayEquals(big, Files.readAllBytes(d.resolve("big")));
        assertEquals(Map.of("mode", 0100640, "uid", 1234, "gid", 5678), owner(d.resolve("big")));
        assertEquals(MTIME, Files.getLastModifiedTime(d.resolve("big")).toInstant());
        // the owner is set before the mode, which a change of owner would otherwise strip of set-user-ID
        assertEquals(Map.of("mode", 0104755, "uid", 1000, "gid", 1000), owner(d.resolve("sub/setuid")));
        assertEquals(0, Files.size(d.resolve("empty")));
        assertEquals("top", Files.readString(rootfs.resolve("top")));
    }

    @Test
    void anExistingFileOrSymlinkIsReplacedNeverWrittenThrough() throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Path hostFile = Files.writeString(tmp.resolve("host-file"), "host");
        Files.createDirectories(rootfs.resolve("dest"));
        Files.createSymbolicLink(rootfs.resolve("dest/link"), hostFile);
        Files.writeString(rootfs.resolve("dest/old"), "old content that is longer");
        extract(rootfs, tar(t -> {
            file(t, "link", "new".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
            file(t, "old", "new".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        }));
        assertEquals("host", Files.readString(hostFile));
        assertFalse(Files.isSymbolicLink(rootfs.resolve("dest/link")));
        assertEquals("new", Files.readString(rootfs.resolve("dest/link")));
        assertEquals("new", Files.readString(rootfs.resolve("dest/old")));
    }

    @Test
    void aParentThatAnEarlierEntryRedirectsIsResolvedAgain() throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("dest"));
        // "link" leads to sub through sub/c; once c is a symlink to /etc/x it leads to /etc instead
        byte[] archive = tar(t -> {
            dir(t, "sub/");
            dir(t, "sub/c/");
            symlink(t, "link", "sub/c/..");
            file(t, "link/first", "1".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
            symlink(t, "link/c", "/etc/x");
            file(t, "link/second", "2".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        });
        EngineException refused = assertThrows(EngineException.class, () -> extract(rootfs, archive));
        assertTrue(refused.getMessage().contains("\"link/second\" would be written outside of /dest"),
                refused.getMessage());
        assertEquals("1", Files.readString(rootfs.resolve("dest/sub/first")));
        assertFalse(Files.exists(rootfs.resolve("etc"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void devicesAndFifosAreMadeAsNodesWithTheirOwnerModeAndTime() throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Path dest = Files.createDirectories(rootfs.resolve("dest"));
        Path hostFile = Files.writeString(tmp.resolve("host-file"), "host");
        Files.createSymbolicLink(dest.resolve("was-link"), hostFile);
        Files.writeString(dest.resolve("was-file"), "old");
        extract(rootfs, tar(t -> {
            node(t, "fifo", TarConstants.LF_FIFO, 0, 0, 0640, 1000, 1001);
            node(t, "null", TarConstants.LF_CHR, 1, 3, 0666, 0, 0);
            node(t, "loop", TarConstants.LF_BLK, 7, 300, 04660, 0, 6);
            node(t, "was-link", TarConstants.LF_FIFO, 0, 0, 0600, 0, 0);
            node(t, "was-file", TarConstants.LF_FIFO, 0, 0, 0600, 0, 0);
        }));

        assertEquals(Map.of("mode", 0010640, "uid", 1000, "gid", 1001), owner(dest.resolve("fifo")));
        assertEquals(MTIME, Files.getLastModifiedTime(dest.resolve("fifo"), LinkOption.NOFOLLOW_LINKS).toInstant());
        assertEquals(Map.of("mode", 0020666, "uid", 0, "gid", 0), owner(dest.resolve("null")));
        assertEquals(rdev(1, 3), Files.getAttribute(dest.resolve("null"), "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        assertEquals(Map.of("mode", 0064660, "uid", 0, "gid", 6), owner(dest.resolve("loop")));
        assertEquals(rdev(7, 300), Files.getAttribute(dest.resolve("loop"), "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        // what was at a name is replaced, a symlink there never followed
        assertEquals(0010600, owner(dest.resolve("was-link")).get("mode"));
        assertEquals(0010600, owner(dest.resolve("was-file")).get("mode"));
        assertEquals("host", Files.readString(hostFile));
    }

    /** dev_t as the kernel encodes it (glibc's makedev). */
    private static long rdev(int major, int minor) {
        return ((long) (major & 0xfffff000) << 32) | ((major & 0xfff) << 8)
                | ((long) (minor & 0xffffff00) << 12) | (minor & 0xff);
    }

    private static void extract(Path rootfs, byte[] archive) throws IOException {
        new ArchiveExtractor(new ContainerRoot(rootfs, List.of()), "/dest", false, null)
                .extract(new ByteArrayInputStream(archive));
    }

    private static Map<String, Object> owner(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        return Map.of("mode", a.get("mode"), "uid", a.get("uid"), "gid", a.get("gid"));
    }

    private interface TarBody {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    private static byte[] tar(TarBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            body.write(t);
        }
        return bytes.toByteArray();
    }

    private static void dir(TarArchiveOutputStream t, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(040755);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream t, String name, byte[] data, int mode, int uid, int gid)
            throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        e.setMode(0100000 | mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(Date.from(MTIME));
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    private static void node(TarArchiveOutputStream t, String name, byte type, int major, int minor, int mode,
                             int uid, int gid) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(Date.from(MTIME));
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream t, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }
}
