package dev.skiff.runtime.layer;

import dev.skiff.runtime.files.Streams;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a directory in overlay format (an extracted layer, a container's upper dir) as a layer
 * tar in the image format: whiteouts (0/0 character devices) become empty {@code .wh.<name>}
 * files, opaque directories ({@code trusted.overlay.opaque=y}) get a {@code .wh..wh..opq} entry.
 * Entries come parents first, siblings in byte order, so equal trees give equal tars; hard links
 * after the first become link entries; ownership, modes and mtimes are kept.
 */
public final class OverlayTarWriter {
    private static final byte[] OPAQUE_VALUE = "y".getBytes(StandardCharsets.US_ASCII);
    private static final int S_IFMT = 0170000;

    private final Path root;

    public OverlayTarWriter(Path root) {
        this.root = root;
    }

    /** Writes the tar (with its end-of-archive blocks) to {@code out}, which stays open. */
    public void write(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 32 * 1024);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Map<Object, String> firstLinks = new HashMap<>();
        walk(root, "", tar, firstLinks);
        tar.finish();
        tar.flush();
    }

    private void walk(Path dir, String prefix, TarArchiveOutputStream tar, Map<Object, String> firstLinks) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted((a, b) -> compareBytes(a.getFileName().toString(), b.getFileName().toString())).toList();
        }
        for (Path p : children) {
            String name = prefix + p.getFileName();
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,ino,dev,nlink,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int type = mode & S_IFMT;
            if (type == LayerLibc.S_IFCHR && (Long) a.get("rdev") == 0) {
                String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
                put(tar, emptyFile(parent + OverlayTarApplier.WHITEOUT_PREFIX + p.getFileName(), a), null);
                continue;
            }
            TarArchiveEntry e;
            Path content = null;
            if (type == 0040000) {
                e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
            } else if (type == 0120000) {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(p).toString());
            } else if (type == 0100000) {
                Object inode = a.get("dev") + ":" + a.get("ino");
                String first = (Integer) a.get("nlink") > 1 ? firstLinks.putIfAbsent(inode, name) : null;
                if (first != null) {
                    e = new TarArchiveEntry(name, TarConstants.LF_LINK);
                    e.setLinkName(first);
                } else {
                    e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                    e.setSize((Long) a.get("size"));
                    content = p;
                }
            } else if (type == LayerLibc.S_IFCHR || type == LayerLibc.S_IFBLK) {
                e = new TarArchiveEntry(name, type == LayerLibc.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
                long rdev = (Long) a.get("rdev");
                e.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
                e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
            } else if (type == LayerLibc.S_IFIFO) {
                e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
            } else {
                continue;   // sockets do not belong in layers
            }
            describe(e, a);
            put(tar, e, content);
            if (type == 0040000) {
                if (java.util.Arrays.equals(OPAQUE_VALUE, LayerSyscalls.lgetxattr(p, OverlayTarApplier.OPAQUE_XATTR))) {
                    put(tar, emptyFile(name + "/" + OverlayTarApplier.OPAQUE, a), null);
                }
                walk(p, name + "/", tar, firstLinks);
            }
        }
    }

    private static TarArchiveEntry emptyFile(String name, Map<String, Object> a) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        describe(e, a);
        e.setMode(0);
        return e;
    }

    private static void describe(TarArchiveEntry e, Map<String, Object> a) {
        e.setMode((Integer) a.get("mode") & 07777);
        e.setUserId((Integer) a.get("uid"));
        e.setGroupId((Integer) a.get("gid"));
        e.setModTime(((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis());
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, Path content) throws IOException {
        tar.putArchiveEntry(e);
        if (content != null) {
            try (InputStream in = Files.newInputStream(content)) {
                Streams.copy(in, tar);
            }
        }
        tar.closeArchiveEntry();
    }

    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
