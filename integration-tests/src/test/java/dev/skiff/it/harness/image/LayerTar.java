package dev.skiff.it.harness.image;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the uncompressed tar of one image layer in the layout the Docker image spec uses:
 * relative names, whiteouts as empty {@code .wh.<name>} files, opaque directories marked with
 * {@code .wh..wh..opq}. Entries keep the order they are added in, as a real layer tar would.
 */
public final class LayerTar {
    /** 2024-01-01T00:00:00Z: a fixed time keeps layer digests the same from run to run. */
    public static final long DEFAULT_MTIME = 1_704_067_200L;
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";

    private final List<TarEntry> entries = new ArrayList<>();

    public LayerTar dir(String name, int mode) {
        return dir(name, mode, 0, 0, DEFAULT_MTIME);
    }

    public LayerTar dir(String name, int mode, int uid, int gid, long mtime) {
        return add(new TarEntry(name, TarEntry.Type.DIRECTORY, mode, uid, gid, mtime, new byte[0], null));
    }

    public LayerTar file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    public LayerTar file(String name, byte[] content, int mode) {
        return file(name, content, mode, 0, 0, DEFAULT_MTIME);
    }

    public LayerTar file(String name, byte[] content, int mode, int uid, int gid, long mtime) {
        return add(new TarEntry(name, TarEntry.Type.FILE, mode, uid, gid, mtime, content, null));
    }

    public LayerTar symlink(String name, String target) {
        return add(new TarEntry(name, TarEntry.Type.SYMLINK, 0777, 0, 0, DEFAULT_MTIME, new byte[0], target));
    }

    /** A hard link; {@code target} is a tar name, as in the layer (not an absolute path). */
    public LayerTar hardlink(String name, String target) {
        return add(new TarEntry(name, TarEntry.Type.HARDLINK, 0644, 0, 0, DEFAULT_MTIME, new byte[0], target));
    }

    /** Deletes {@code path} (file or whole directory) of the layers below. */
    public LayerTar whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(0, slash + 1) + WHITEOUT_PREFIX + path.substring(slash + 1);
        return file(name, new byte[0], 0644);
    }

    /** Hides everything the layers below have in {@code dir}; the directory itself stays. */
    public LayerTar opaque(String dir) {
        return file(dir + "/" + OPAQUE_MARKER, new byte[0], 0644);
    }

    public List<TarEntry> entries() {
        return List.copyOf(entries);
    }

    public byte[] toTar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (TarEntry e : entries) {
                tar.putArchiveEntry(header(e));
                tar.write(e.content());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private LayerTar add(TarEntry entry) {
        entries.add(entry);
        return this;
    }

    private static TarArchiveEntry header(TarEntry e) {
        // preserveAbsolutePath: write names verbatim, hostile ones included
        TarArchiveEntry h = switch (e.type()) {
            case FILE -> new TarArchiveEntry(e.name(), true);
            case DIRECTORY -> new TarArchiveEntry(e.name() + "/", true);
            case SYMLINK -> new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK, true);
            case HARDLINK -> new TarArchiveEntry(e.name(), TarConstants.LF_LINK, true);
        };
        if (e.linkName() != null) {
            h.setLinkName(e.linkName());
        }
        h.setMode(e.mode());
        h.setIds(e.uid(), e.gid());
        h.setUserName("");
        h.setGroupName("");
        h.setModTime(FileTime.from(Instant.ofEpochSecond(e.mtime())));
        h.setSize(e.content().length);
        return h;
    }
}
