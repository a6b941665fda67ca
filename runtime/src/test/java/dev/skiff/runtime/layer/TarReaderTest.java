package dev.skiff.runtime.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TarReaderTest {
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
        assertEquals(12, TarReader.paxTime("12.000000001")[0]);
        assertEquals(999_999_999, TarReader.paxTime("-0.000000001")[1]);
    }
}
