package dev.skiff.runtime.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes host files as a tar stream the way dockerd's archive package does (the one writer of
 * layers, exports and {@code docker cp} archives): directories as {@code name/}, the full st_mode
 * (type bits included, as dockerd 20.10 writes them) in the header, numeric owners, whole-second
 * mtimes, a later name of an inode already written as a hard link to the first, PAX headers only
 * for what ustar cannot hold (long or non-ASCII names, big numbers) and for a file's
 * {@code security.capability} (the one xattr dockerd archives; its raw bytes as the
 * {@code SCHILY.xattr.} record), the two end blocks without padding. Sockets are skipped: tar
 * cannot hold them.
 *
 * <p>A writer made with {@link #forLayers} turns overlayfs's markers into the image format as
 * dockerd's overlay driver does: a whiteout (a 0/0 character device) becomes an empty
 * {@code .wh.<name>} file of mode 0600 with the node's owner and mtime; an opaque directory gets a
 * {@code .wh..wh..opq} file right after its entry, with the directory's permissions and owner and
 * mtime 0.
 */
public final class TarWriter implements Closeable {
    private static final int BUFFER = 32 << 10;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFSOCK = 0140000;
    private static final int WHITEOUT_MODE = 0600;
    private static final String CAPABILITY_XATTR = "security.capability";
    private static final int USTAR_NAME_LENGTH = 100;
    private static final long USTAR_MAX_SIZE = 077777777777L;
    private static final long USTAR_MAX_ID = 07777777L;

    private final BufferedOutputStream buffered;
    private final TarArchiveOutputStream tar;
    private final boolean overlayMarkers;
    private final Map<String, String> firstNameOfInode = new HashMap<>();
    private final byte[] copyBuffer = new byte[BUFFER];

    private TarWriter(OutputStream out, boolean overlayMarkers) {
        this.buffered = new BufferedOutputStream(out, BUFFER);
        this.tar = new TarArchiveOutputStream(buffered, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        this.overlayMarkers = overlayMarkers;
    }

    /** Files as they are: exports and {@code docker cp}. */
    public static TarWriter forFiles(OutputStream out) {
        return new TarWriter(out, false);
    }

    /** Layer directories in overlay format, their whiteouts and opaque directories in the image format. */
    public static TarWriter forLayers(OutputStream out) {
        return new TarWriter(out, true);
    }

    /**
     * One entry: {@code host}'s metadata (and content, for a regular file) under {@code name}; the
     * children of a directory are the caller's to write. Returns whether {@code host} is a
     * directory (for a layer writer: a directory and not a whiteout), so the caller knows to descend.
     */
    public boolean write(String name, Path host) throws IOException {
        Map<String, Object> a = Files.readAttributes(host, "unix:mode,uid,gid,size,lastModifiedTime,rdev,dev,ino,nlink",
                LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        long rdev = (Long) a.get("rdev");
        if (overlayMarkers && type == LayerLibc.S_IFCHR && rdev == 0) {
            int slash = name.lastIndexOf('/');
            put(emptyFile(name.substring(0, slash + 1) + OverlayMarkers.WHITEOUT_PREFIX + name.substring(slash + 1),
                    WHITEOUT_MODE, a, wholeSeconds(a)), null);
            return false;
        }
        if (type == S_IFSOCK) {
            return false;   // before the hard link bookkeeping: a later name must not link to it
        }
        TarArchiveEntry e;
        Path content = null;
        String inode = a.get("dev") + ":" + a.get("ino");
        String first = type != S_IFDIR && (Integer) a.get("nlink") > 1 ? firstNameOfInode.putIfAbsent(inode, name)
                : null;
        if (first != null) {
            e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            e.setLinkName(first);
        } else if (type == S_IFDIR) {
            e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        } else if (type == S_IFREG) {
            e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
            e.setSize((Long) a.get("size"));
            content = host;
        } else if (type == S_IFLNK) {
            e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            e.setLinkName(Files.readSymbolicLink(host).toString());
        } else if (type == LayerLibc.S_IFCHR || type == LayerLibc.S_IFBLK) {
            e = new TarArchiveEntry(name, type == LayerLibc.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
            e.setDevMajor((int) (((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfffL)));
            e.setDevMinor((int) (((rdev >>> 12) & 0xffffff00L) | (rdev & 0xffL)));
        } else if (type == LayerLibc.S_IFIFO) {
            e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
        } else {
            throw new IOException(host + ": unknown file type " + Integer.toOctalString(type));
        }
        e.setMode(mode & (S_IFMT | 07777));
        e.setIds((Integer) a.get("uid"), (Integer) a.get("gid"));
        e.setModTime(wholeSeconds(a));
        byte[] capability = LayerSyscalls.lgetxattr(host, CAPABILITY_XATTR);
        if (capability == null) {
            put(e, content);
        } else {
            putWithXattr(e, content, CAPABILITY_XATTR, capability);
        }
        if (type != S_IFDIR) {
            return false;
        }
        if (overlayMarkers && OverlayMarkers.isOpaque(host)) {
            // dockerd builds this header without a time: Go writes its zero time as 0
            put(emptyFile(e.getName() + OverlayMarkers.OPAQUE_ENTRY, mode & 0777, a, 0), null);
        }
        return true;
    }

    /** The entries of {@code dir}, in Go's filepath.Walk order (names sorted by their bytes). */
    public static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> children = new ArrayList<>(s.toList());
            children.sort((x, y) -> Arrays.compareUnsigned(
                    x.getFileName().toString().getBytes(StandardCharsets.UTF_8),
                    y.getFileName().toString().getBytes(StandardCharsets.UTF_8)));
            return children;
        }
    }

    /** Writes the end-of-archive blocks and flushes; the underlying stream stays open. */
    public void finish() throws IOException {
        tar.finish();
        buffered.flush();   // the tar stream's own flush stops short of it
    }

    /** Closes the underlying stream too (after {@link #finish}, or to abandon the archive). */
    @Override
    public void close() throws IOException {
        tar.close();
    }

    private static TarArchiveEntry emptyFile(String name, int mode, Map<String, Object> a, long mtimeMillis) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(mode);
        e.setIds((Integer) a.get("uid"), (Integer) a.get("gid"));
        e.setModTime(mtimeMillis);
        return e;
    }

    private static long wholeSeconds(Map<String, Object> a) {
        return ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000 * 1000;
    }

    /**
     * An entry with an xattr, whose value is raw bytes that commons-compress's PAX records (text)
     * cannot carry: this entry's PAX header is written here, with everything else the ustar header
     * cannot hold, and commons-compress is kept from adding a second one (readers keep only the last).
     */
    private void putWithXattr(TarArchiveEntry e, Path content, String xattr, byte[] value) throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        if (!fitsUstarName(e.getName())) {
            paxRecord(records, "path", e.getName().getBytes(StandardCharsets.UTF_8));
        }
        if (!e.getLinkName().isEmpty() && !fitsUstarName(e.getLinkName())) {
            paxRecord(records, "linkpath", e.getLinkName().getBytes(StandardCharsets.UTF_8));
        }
        if (e.getSize() > USTAR_MAX_SIZE) {
            paxRecord(records, "size", Long.toString(e.getSize()).getBytes(StandardCharsets.US_ASCII));
        }
        if (e.getLongUserId() > USTAR_MAX_ID) {
            paxRecord(records, "uid", Long.toString(e.getLongUserId()).getBytes(StandardCharsets.US_ASCII));
        }
        if (e.getLongGroupId() > USTAR_MAX_ID) {
            paxRecord(records, "gid", Long.toString(e.getLongGroupId()).getBytes(StandardCharsets.US_ASCII));
        }
        paxRecord(records, "SCHILY.xattr." + xattr, value);
        String base = e.getName().replaceAll("/$", "");
        base = base.substring(base.lastIndexOf('/') + 1);
        TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders.0/" + (fitsUstarName(base) ? base : "entry"),
                TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
        pax.setSize(records.size());
        pax.setModTime(e.getModTime());   // whole seconds: commons-compress would give a fraction its own PAX header
        putData(pax, records.toByteArray());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_TRUNCATE);
        tar.setAddPaxHeadersForNonAsciiNames(false);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
        try {
            put(e, content);
        } finally {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }
    }

    /** Whether ustar's name field holds {@code name} as it is (PAX is used otherwise, as Go does). */
    private static boolean fitsUstarName(String name) {
        return name.length() < USTAR_NAME_LENGTH && name.chars().allMatch(c -> c > 0 && c < 0x80);
    }

    /** One PAX record, "<length> <key>=<value>\n", its length counting its own digits. */
    private static void paxRecord(ByteArrayOutputStream out, String key, byte[] value) {
        int rest = 1 + key.length() + 1 + value.length + 1;
        int length = rest + Integer.toString(rest).length();
        if (Integer.toString(length).length() != Integer.toString(rest).length()) {
            length++;
        }
        out.writeBytes((length + " " + key + "=").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.write('\n');
    }

    private void putData(TarArchiveEntry e, byte[] data) throws IOException {
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private void put(TarArchiveEntry e, Path content) throws IOException {
        tar.putArchiveEntry(e);
        if (content != null) {
            long want = e.getSize();
            long copied = 0;
            try (InputStream in = Files.newInputStream(content, LinkOption.NOFOLLOW_LINKS)) {
                int n;
                while (copied < want && (n = in.read(copyBuffer, 0, (int) Math.min(BUFFER, want - copied))) > 0) {
                    tar.write(copyBuffer, 0, n);
                    copied += n;
                }
            }
            if (copied < want) {
                // the file shrank while being archived: the header promised its old size
                Arrays.fill(copyBuffer, (byte) 0);
                for (long left = want - copied; left > 0; left -= BUFFER) {
                    tar.write(copyBuffer, 0, (int) Math.min(BUFFER, left));
                }
            }
        }
        tar.closeArchiveEntry();
    }
}
