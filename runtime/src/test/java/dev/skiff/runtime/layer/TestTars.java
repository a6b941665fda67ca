package dev.skiff.runtime.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Consumer;

/** Builds layer tars in memory for tests (commons-compress as an independent writer). */
final class TestTars {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TestTars() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TestTars dir(String name, int mode) {
        return add(entry(name, TarArchiveEntry.LF_DIR, mode), null, e -> { });
    }

    TestTars file(String name, int mode, String content) {
        return file(name, mode, content, e -> { });
    }

    TestTars file(String name, int mode, String content, Consumer<TarArchiveEntry> tweak) {
        return add(entry(name, TarArchiveEntry.LF_NORMAL, mode), content.getBytes(StandardCharsets.UTF_8), tweak);
    }

    TestTars symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarArchiveEntry.LF_SYMLINK, 0777);
        e.setLinkName(target);
        return add(e, null, x -> { });
    }

    TestTars hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarArchiveEntry.LF_LINK, 0644);
        e.setLinkName(target);
        return add(e, null, x -> { });
    }

    TestTars special(String name, byte type, int mode, int major, int minor) {
        TarArchiveEntry e = entry(name, type, mode);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return add(e, null, x -> { });
    }

    TestTars add(TarArchiveEntry e, byte[] content, Consumer<TarArchiveEntry> tweak) {
        try {
            if (content != null) {
                e.setSize(content.length);
            }
            tweak.accept(e);
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    byte[] build() {
        try {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setModTime(1_600_000_000_000L);
        return e;
    }

    static String diffId(byte[] tar) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar));
    }
}
