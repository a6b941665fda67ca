package dev.skiff.runtime.layer;

import dev.skiff.runtime.files.ChannelInput;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarReaderTest {
    private static final String LONG = "d/" + "n".repeat(150) + "/" + "m".repeat(120);

    @TempDir
    Path tmp;

    @Test
    void keepsBinaryPaxXattrValuesAsBytes() throws Exception {
        byte[] cap = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, (byte) 0xff, 0, 0, 0};
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        byte[] key = "SCHILY.xattr.security.capability=".getBytes(StandardCharsets.US_ASCII);
        int len = 1 + key.length + cap.length + 1;   // without the length digits themselves
        len += String.valueOf(len + 2).length();       // two-digit length
        record.write((len + " ").getBytes(StandardCharsets.US_ASCII));
        record.write(key);
        record.write(cap);
        record.write('\n');
        byte[] tar = new TestTars()
                .add(TestTars.entry("PaxHeaders/ping", (byte) 'x', 0644), record.toByteArray(), e -> { })
                .file("bin/ping", 0755, "elf")
                .build();

        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        TarEntry e = r.next();
        assertEquals("bin/ping", e.name());
        assertArrayEquals(cap, e.xattrs().get("security.capability"));
        assertEquals("elf", new String(r.content().readAllBytes(), StandardCharsets.UTF_8));
        assertNull(r.next());
    }

    @Test
    void readsLongNamesLargeIdsAndSubsecondTimes() throws Exception {
        String longName = "d/" + "n".repeat(150) + "/file";
        byte[] tar = new TestTars()
                .file(longName, 0644, "abc", e -> {
                    e.setUserId(3_000_000);
                    e.addPaxHeader("mtime", "1600000000.5");
                })
                .symlink("l/" + "s".repeat(120), "t/" + "x".repeat(120))
                .build();
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        TarEntry f = r.next();
        assertEquals(longName, f.name());
        assertEquals(3_000_000, f.uid());
        assertEquals(1_600_000_000L, f.mtimeSeconds());
        assertEquals(500_000_000, f.mtimeNanos());
        TarEntry l = r.next();   // content of f is skipped without being read
        assertEquals("t/" + "x".repeat(120), l.linkName());
        assertEquals(TarEntry.SYMLINK, l.type());
        assertNull(r.next());
    }

    @Test
    void rejectsCorruptHeaders() {
        byte[] tar = new TestTars().file("a", 0644, "x").build();
        tar[0] = 'b';   // checksum no longer matches
        assertThrows(java.io.IOException.class, () -> new TarReader(new ByteArrayInputStream(tar)).next());
    }

    @Test
    void parsesBase256Numbers() throws Exception {
        byte[] h = new byte[512];
        h[124] = (byte) 0x80;
        h[135] = 0x10;
        h[134] = 0x01;
        assertEquals(0x0110, TarReader.number(h, 124, 12));
        assertEquals(12, TarReader.paxTime("mtime", "12.000000001")[0]);
        assertEquals(999_999_999, TarReader.paxTime("mtime", "-0.000000001")[1]);
        byte[] minusOne = new byte[512];
        Arrays.fill(minusOne, 108, 116, (byte) 0xff);
        assertEquals(-1, TarReader.number(minusOne, 108, 8));
        byte[] tooLarge = new byte[512];
        tooLarge[136] = (byte) 0x80;
        tooLarge[137] = 0x01;  // 2^80: no long holds it
        assertThrows(IOException.class, () -> TarReader.number(tooLarge, 136, 12));
    }

    @Test
    void gnuLongNamesAndBase256NumbersApplyAsPaxOnesDo() throws IOException {
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU}) {
            byte[] archive = tar(mode, t -> {
                TarArchiveEntry f = new TarArchiveEntry(LONG);
                byte[] data = "long".getBytes(StandardCharsets.UTF_8);
                f.setSize(data.length);
                f.setUserId(10_000_000);  // too large for the octal field: PAX or GNU base-256
                f.setModTime(new Date(1_600_000_000_000L));
                t.putArchiveEntry(f);
                t.write(data);
                t.closeArchiveEntry();
                TarArchiveEntry l = new TarArchiveEntry("link", TarConstants.LF_SYMLINK);
                l.setLinkName(LONG);
                t.putArchiveEntry(l);
                t.closeArchiveEntry();
            });
            TarReader r = new TarReader(new ByteArrayInputStream(archive));
            TarEntry f = r.next();
            assertEquals(LONG, f.name());
            assertEquals(10_000_000L, f.uid());
            assertEquals(1_600_000_000L, f.mtimeSeconds());
            assertArrayEquals("long".getBytes(StandardCharsets.UTF_8), r.content().readAllBytes());
            TarEntry l = r.next();
            assertEquals(TarEntry.SYMLINK, l.type());
            assertEquals(LONG, l.linkName());
            assertNull(r.next());
        }
    }

    @Test
    void contentGoesToAChannelOrIsSkippedWhenUnread() throws IOException {
        byte[] big = new byte[700_001];
        Arrays.fill(big, (byte) 3);
        byte[] archive = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> {
            file(t, "skipped", "never read");
            file(t, "big", big);
            file(t, "after", "x".getBytes(StandardCharsets.UTF_8));
        });
        TarReader r = new TarReader(new ByteArrayInputStream(archive));
        assertEquals("skipped", r.next().name());
        assertEquals("big", r.next().name());
        Path out = tmp.resolve("big");
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            r.transferContent(ch);
        }
        assertArrayEquals(big, Files.readAllBytes(out));
        assertEquals("after", r.next().name());
        assertNull(r.next());
    }

    @Test
    void contentOfAChannelInputIsTransferredNotRead() throws IOException {
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 5);
        DirectInput in = new DirectInput(tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> file(t, "big", big)));
        TarReader r = new TarReader(in);
        r.next();
        Path out = tmp.resolve("big");
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            r.transferContent(ch);
        }
        assertArrayEquals(big, Files.readAllBytes(out));
        assertEquals(big.length, in.transferred);
        assertNull(r.next());
    }

    /** Bytes in memory that count what went out through {@link ChannelInput#transferTo}. */
    private static final class DirectInput extends ByteArrayInputStream implements ChannelInput {
        long transferred;

        DirectInput(byte[] data) {
            super(data);
        }

        @Override
        public long transferTo(GatheringByteChannel out, long max) throws IOException {
            int n = (int) Math.min(max, Math.min(available(), 65_536));
            if (n == 0) {
                return -1;
            }
            ByteBuffer b = ByteBuffer.wrap(buf, pos, n);
            while (b.hasRemaining()) {
                out.write(b);
            }
            pos += n;
            transferred += n;
            return n;
        }
    }

    @Test
    void truncatedContentFails() throws IOException {
        byte[] archive = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> file(t, "f", "0123456789"));
        TarReader truncated = new TarReader(new ByteArrayInputStream(Arrays.copyOf(archive, 512 + 5)));
        truncated.next();
        assertThrows(EOFException.class, () -> truncated.content().readAllBytes());
        TarReader toChannel = new TarReader(new ByteArrayInputStream(Arrays.copyOf(archive, 512 + 5)));
        toChannel.next();
        try (FileChannel ch = FileChannel.open(tmp.resolve("f"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            assertThrows(EOFException.class, () -> toChannel.transferContent(ch));
        }
    }

    @Test
    void badPaxValuesAreErrorsNotCrashes() throws IOException {
        for (String[] record : new String[][] {{"size", "-5"}, {"mtime", "1e999999999"}, {"uid", "x"},
                {"gid", "-1"}, {"mtime", "99999999999999999"}, {"atime", "1.-5"}}) {
            byte[] archive = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> paxThenFile(t, record[0], record[1]));
            IOException bad = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(archive)).next());
            assertTrue(bad.getMessage().startsWith("invalid PAX " + record[0]), bad.getMessage());
        }
        byte[] fractional = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> paxThenFile(t, "mtime", "1600000000.25"));
        TarEntry e = new TarReader(new ByteArrayInputStream(fractional)).next();
        assertEquals(1_600_000_000L, e.mtimeSeconds());
        assertEquals(250_000_000, e.mtimeNanos());
    }

    @Test
    void sparseEntriesAndHugeMetadataAreRefused() throws IOException {
        byte[] sparse = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> paxThenFile(t, "GNU.sparse.major", "1"));
        assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(sparse)).next());
        byte[] huge = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> {
            TarArchiveEntry pax = new TarArchiveEntry("././@PaxHeader", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            pax.setSize((1 << 20) + 1);
            t.putArchiveEntry(pax);
            t.write(new byte[(1 << 20) + 1]);
            t.closeArchiveEntry();
        });
        IOException refused = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(huge)).next());
        assertTrue(refused.getMessage().contains("too large"), refused.getMessage());
    }

    @Test
    void paxRecordsAreLengthPrefixed() throws IOException {
        Map<String, byte[]> records = new HashMap<>();
        TarReader.parsePax("16 path=a b=c/d\n12 uid=1000\n".getBytes(StandardCharsets.UTF_8), records);
        assertEquals("a b=c/d", new String(records.get("path"), StandardCharsets.UTF_8));
        assertEquals("1000", new String(records.get("uid"), StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> TarReader.parsePax("99 path=x\n".getBytes(StandardCharsets.UTF_8), records));
        assertThrows(IOException.class, () -> TarReader.parsePax("x path=y\n".getBytes(StandardCharsets.UTF_8), records));
    }

    /** A PAX header with one record, written as it is (commons-compress would check the value), then "f". */
    private static void paxThenFile(TarArchiveOutputStream t, String key, String value) throws IOException {
        String body = " " + key + "=" + value + "\n";
        int length = body.length() + 1;
        while (String.valueOf(length).length() + body.length() != length) {
            length++;  // the length counts its own digits
        }
        byte[] record = (length + body).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry pax = new TarArchiveEntry("././@PaxHeader", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        pax.setSize(record.length);
        t.putArchiveEntry(pax);
        t.write(record);
        t.closeArchiveEntry();
        file(t, "f", "");
    }

    private interface TarBody {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    private static byte[] tar(int longFileMode, TarBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(longFileMode);
            t.setBigNumberMode(longFileMode == TarArchiveOutputStream.LONGFILE_POSIX
                    ? TarArchiveOutputStream.BIGNUMBER_POSIX : TarArchiveOutputStream.BIGNUMBER_STAR);
            body.write(t);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream t, String name, String content) throws IOException {
        file(t, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void file(TarArchiveOutputStream t, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setModTime(new Date(1_600_000_000_000L));  // whole seconds: no PAX header needed
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }
}
