package dev.skiff.daemon.filesystem;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes host files as a tar stream the way dockerd's archive package does: directories as {@code name/},
 * the full st_mode in the header, numeric owners, whole-second mtimes, a second name of an inode as a
 * hard link to the first, PAX headers only for what ustar cannot hold, no padding after the two end
 * blocks. Sockets are skipped (tar cannot hold them). Streams; nothing is buffered beyond one block.
 */
public final class TarWriter implements Closeable {
    private static final int BUFFER = 32 << 10;

    private final TarArchiveOutputStream tar;
    private final Map<String, String> firstNameOfInode = new HashMap<>();

    public TarWriter(OutputStream out) {
        tar = new TarArchiveOutputStream(new BufferedOutputStream(out, BUFFER), TarConstants.DEFAULT_RCDSIZE,
                "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** One entry: {@code host}'s metadata (and content, for a regular file) under {@code name}. */
    public void write(String name, Path host, FileMeta meta) throws IOException {
        TarArchiveEntry e;
        switch (meta.type()) {
            case FileMeta.S_IFDIR -> e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/",
                    TarConstants.LF_DIR, true);
            case FileMeta.S_IFLNK -> {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
                e.setLinkName(Files.readSymbolicLink(host).toString());
            }
            case FileMeta.S_IFREG -> {
                String inode = meta.dev() + ":" + meta.ino();
                String first = meta.nlink() > 1 ? firstNameOfInode.putIfAbsent(inode, name) : null;
                if (first != null) {
                    e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
                    e.setLinkName(first);
                } else {
                    e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
                    e.setSize(meta.size());
                }
            }
            case FileMeta.S_IFCHR, FileMeta.S_IFBLK -> {
                e = new TarArchiveEntry(name, meta.type() == FileMeta.S_IFCHR ? TarConstants.LF_CHR
                        : TarConstants.LF_BLK, true);
                e.setDevMajor(meta.major());
                e.setDevMinor(meta.minor());
            }
            case FileMeta.S_IFIFO -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
            default -> {
                return;
            }
        }
        e.setMode(meta.mode() & (FileMeta.S_IFMT | 07777));
        e.setIds(meta.uid(), meta.gid());
        e.setModTime(meta.mtime().toMillis() / 1000 * 1000);
        putEntry(e, meta.isRegular() && !e.isLink() ? host : null);
    }

    /** An empty regular file entry with the given header fields (overlay whiteouts in the aufs format). */
    public void writeEmptyFile(String name, int permissions, int uid, int gid, long mtimeMillis) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(FileMeta.S_IFREG | permissions);
        e.setIds(uid, gid);
        e.setModTime(mtimeMillis / 1000 * 1000);
        putEntry(e, null);
    }

    private void putEntry(TarArchiveEntry e, Path content) throws IOException {
        tar.putArchiveEntry(e);
        if (content != null) {
            long want = e.getSize();
            try (InputStream in = Files.newInputStream(content, LinkOption.NOFOLLOW_LINKS)) {
                long copied = copy(in, want);
                // a file that shrank while being archived: the header promised its old size
                byte[] zeros = new byte[(int) Math.min(BUFFER, want - copied)];
                for (long left = want - copied; left > 0; left -= zeros.length) {
                    tar.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
            }
        }
        tar.closeArchiveEntry();
    }

    private long copy(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[BUFFER];
        long done = 0;
        while (done < limit) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, limit - done));
            if (n < 0) {
                break;
            }
            tar.write(buf, 0, n);
            done += n;
        }
        return done;
    }

    static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> children = new ArrayList<>(s.toList());
            children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            return children;
        }
    }

    /** Writes the end-of-archive blocks and flushes; the underlying stream stays open. */
    public void finish() throws IOException {
        tar.finish();
        tar.flush();
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
