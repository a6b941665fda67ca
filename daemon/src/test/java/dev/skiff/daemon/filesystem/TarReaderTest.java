package dev.skiff.daemon.filesystem;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Date;
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
    void paxAndGnuLongNamesLinksAndNumbersApply() throws IOException {
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU}) {
            byte[] archive = tar(mode, t -> {
                TarArchiveEntry f = new TarArchiveEntry(LONG);
                byte[] data = "long".getBytes(StandardCharsets.UTF_8);
                f.setSize(data.length);
                f.setUserId(10_000_000);  // too large for the octal field: PAX or GNU base-256
                f.setModTime(new Date(1_600_000_000_123L));
                t.putArchiveEntry(f);
                t.write(data);
                t.closeArchiveEntry();
                TarArchiveEntry l = new TarArchiveEntry("link", TarConstants.LF_SYMLINK);
                l.setLinkName(LONG);
                t.putArchiveEntry(l);
                t.closeArchiveEntry();
            });
            TarReader r = new TarReader(new ByteArrayInputStream(archive));
            TarArchiveEntry f = r.next();
            assertEquals(LONG, f.getName());
            assertEquals(10_000_000L, f.getLongUserId());
            assertEquals(1_600_000_000L, f.getModTime().getTime() / 1000);
            assertArrayEquals("long".getBytes(StandardCharsets.UTF_8), r.readAllBytes());
            TarArchiveEntry l = r.next();
            assertTrue(l.isSymbolicLink());
            assertEquals(LONG, l.getLinkName());
            assertNull(r.next());
        }
    }

    @Test
    void contentGoesToAChannelOrIsSkippedWhenUnread() throws IOException {
        byte[] big = new byte[700_001];
        Arrays.fill(big, (byte) 3);
        byte[] archive = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> {
            file(t, "skipped", "never read");
            TarArchiveEntry e = new TarArchiveEntry("big");
            e.setSize(big.length);
            t.putArchiveEntry(e);
            t.write(big);
            t.closeArchiveEntry();
            file(t, "after", "x");
        });
        TarReader r = new TarReader(new ByteArrayInputStream(archive));
        assertEquals("skipped", r.next().getName());
        assertEquals("big", r.next().getName());
        Path out = tmp.resolve("big");
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            r.transferContent(ch);
        }
        assertArrayEquals(big, Files.readAllBytes(out));
        assertEquals("after", r.next().getName());
        assertNull(r.next());
    }

    @Test
    void truncatedOrCorruptArchivesFail() throws IOException {
        byte[] archive = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> file(t, "f", "0123456789"));
        assertEquals('f', archive[0]);
        TarReader truncated = new TarReader(new ByteArrayInputStream(Arrays.copyOf(archive, 512 + 5)));
        truncated.next();
        assertThrows(EOFException.class, truncated::readAllBytes);

        byte[] corrupt = archive.clone();
        corrupt[0] = 'g';  // the name changes, the checksum does not
        assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(corrupt)).next());
    }

    @Test
    void badPaxValuesAreErrorsNotCrashes() throws IOException {
        for (String[] record : new String[][] {{"size", "-5"}, {"mtime", "1e999999999"}, {"uid", "x"},
                {"mtime", "99999999999999999"}}) {
            byte[] archive = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> paxThenFile(t, record[0], record[1]));
            IOException bad = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(archive)).next());
            assertTrue(bad.getMessage().startsWith("invalid PAX " + record[0]), bad.getMessage());
        }
        byte[] fractional = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> paxThenFile(t, "mtime", "1600000000.25"));
        assertEquals(1_600_000_000_250L, new TarReader(new ByteArrayInputStream(fractional)).next().getModTime().getTime());
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

    @Test
    void paxRecordsAreLengthPrefixed() throws IOException {
        byte[] data = "16 path=a b=c/d\n12 uid=1000\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("path", "a b=c/d", "uid", "1000"), TarReader.parsePax(data));
        assertThrows(IOException.class, () -> TarReader.parsePax("99 path=x\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> TarReader.parsePax("x path=y\n".getBytes(StandardCharsets.UTF_8)));
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
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setModTime(new Date(1_600_000_000_000L));  // whole seconds: no PAX header needed
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }
}
