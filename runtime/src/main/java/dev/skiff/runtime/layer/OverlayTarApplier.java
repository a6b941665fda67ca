package dev.skiff.runtime.layer;

import dev.skiff.runtime.files.FileTrees;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one layer tar into an empty directory in overlayfs format: AUFS-style whiteouts
 * ({@code .wh.name}) become 0/0 character devices, {@code .wh..wh..opq} becomes the
 * {@code trusted.overlay.opaque=y} xattr on its directory. Ownership, modes (setuid, setgid,
 * sticky), times, hard links, symlinks, device nodes, fifos and xattrs are preserved.
 */
final class OverlayTarApplier {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    static final String WHITEOUT_META_PREFIX = ".wh..wh.";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private record DirTimes(Path dir, TarEntry entry) {
    }

    private final LayerRoot root;
    private final List<DirTimes> dirTimes = new ArrayList<>();
    private final byte[] copyBuffer = new byte[128 * 1024];   // large reads: fewer trips through gunzip and sha256

    OverlayTarApplier(Path dir) {
        this.root = new LayerRoot(dir);
    }

    /** Applies every member. */
    void apply(TarReader tar) throws IOException {
        TarEntry e;
        while ((e = tar.next()) != null) {
            try {
                applyEntry(e, tar);
            } catch (InvalidPathException bad) {
                // NUL bytes, or a name the JVM cannot encode (skiffd must run with a UTF-8 locale)
                throw new UnsafeLayerException("tar entry \"" + e.name() + "\" has an unusable path: " + bad.getReason());
            }
        }
        // Directory times last: creating children above would have changed them.
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            DirTimes d = dirTimes.get(i);
            setTimes(d.dir(), d.entry());
        }
    }

    private void applyEntry(TarEntry e, TarReader tar) throws IOException {
        List<String> parts = LayerRoot.components(e.name());
        if (parts.isEmpty()) {
            if (e.type() != TarEntry.DIRECTORY) {
                throw new UnsafeLayerException("tar entry \"" + e.name() + "\" would replace the layer root");
            }
            applyMetadata(root.root(), e);
            return;
        }
        String base = parts.get(parts.size() - 1);
        Path parent = root.parentOf(parts, e.name());
        if (base.equals(OPAQUE)) {
            LayerSyscalls.lsetxattr(parent, OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (base.startsWith(WHITEOUT_META_PREFIX)) {
            return;  // AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs): no meaning for overlay
        }
        if (base.startsWith(WHITEOUT_PREFIX)) {
            String hidden = base.substring(WHITEOUT_PREFIX.length());
            if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                throw new UnsafeLayerException("tar entry \"" + e.name() + "\" is a whiteout for \"" + hidden + "\"");
            }
            Path target = parent.resolve(hidden);
            FileTrees.delete(target);
            LayerSyscalls.mknod(target, LayerLibc.S_IFCHR, 0);
            LayerSyscalls.lchown(target, e.uid(), e.gid());
            setTimes(target, e);  // the whiteout entry's time, for writing the same layer tar again
            return;
        }
        Path target = parent.resolve(base);
        BasicFileAttributes existing = LayerRoot.lstat(target);
        if (existing != null && !(existing.isDirectory() && e.type() == TarEntry.DIRECTORY)) {
            FileTrees.delete(target);
        }
        switch (e.type()) {
            case TarEntry.DIRECTORY -> {
                if (existing == null || !existing.isDirectory()) {
                    Files.createDirectory(target);
                }
            }
            case TarEntry.SYMLINK -> Files.createSymbolicLink(target, Path.of(e.linkName()));
            case TarEntry.HARD_LINK -> {
                Path source = root.existing(LayerRoot.components(e.linkName()), e.linkName());
                if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafeLayerException("hard link \"" + e.name() + "\" points at a directory");
                }
                Files.createLink(target, source);
                return;  // the inode already carries its metadata (as GNU tar: links are not re-chmodded)
            }
            case TarEntry.CHAR_DEVICE -> LayerSyscalls.mknod(target, LayerLibc.S_IFCHR | e.mode(),
                    LayerSyscalls.makedev(e.devMajor(), e.devMinor()));
            case TarEntry.BLOCK_DEVICE -> LayerSyscalls.mknod(target, LayerLibc.S_IFBLK | e.mode(),
                    LayerSyscalls.makedev(e.devMajor(), e.devMinor()));
            case TarEntry.FIFO -> LayerSyscalls.mknod(target, LayerLibc.S_IFIFO | e.mode(), 0);
            default -> {
                if (!e.isRegular()) {
                    throw new IOException("tar entry \"" + e.name() + "\" has unsupported type '"
                            + (char) e.type() + "'");
                }
                // CREATE_NEW is O_EXCL: never follows a symlink planted at the target.
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                     InputStream in = tar.content()) {
                    int n;
                    while ((n = in.read(copyBuffer)) > 0) {
                        out.write(copyBuffer, 0, n);
                    }
                }
            }
        }
        applyMetadata(target, e);
    }

    /** dockerd's order: owner, xattrs, then mode (chown clears setuid), then times. */
    private void applyMetadata(Path target, TarEntry e) throws IOException {
        LayerSyscalls.lchown(target, e.uid(), e.gid());
        for (var x : e.xattrs().entrySet()) {
            LayerSyscalls.lsetxattr(target, x.getKey(), x.getValue());
        }
        if (e.type() != TarEntry.SYMLINK) {
            LayerSyscalls.chmod(target, e.mode());
        }
        if (e.type() == TarEntry.DIRECTORY) {
            dirTimes.add(new DirTimes(target, e));
        } else {
            setTimes(target, e);
        }
    }

    private static void setTimes(Path target, TarEntry e) throws IOException {
        LayerSyscalls.lutimes(target, e.atimeSeconds(), e.atimeNanos(), e.mtimeSeconds(), e.mtimeNanos());
    }

}
