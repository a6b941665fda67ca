package dev.skiff.daemon.filesystem;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.runtime.files.FileTrees;
import dev.skiff.runtime.layer.TarEntry;
import dev.skiff.runtime.layer.TarReader;
import dev.skiff.runtime.rootfs.NewFile;
import dev.skiff.runtime.rootfs.NewNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts a tar stream into a directory of a container ({@code PUT /containers/{id}/archive}).
 *
 * <p>Every entry must land inside the destination directory: names are relative and may not climb out
 * with "..", existing directories are entered with symlinks resolved in the container's scope and the
 * result must still be below the destination, a symlink's relative target may not point above it and a
 * hard link must name an entry inside it. Anything else refuses the archive (400); what was extracted
 * before the offending entry stays, as with dockerd. The final component is never followed: an
 * existing symlink there is replaced, not written through.
 */
public final class ArchiveExtractor {
    /** Owner to give every entry instead of the archive's ({@code copyUIDGID}); null keeps the archive's. */
    public record Owner(int uid, int gid) {
    }

    private record DirTime(String path, FileTime mtime) {
    }

    private final ContainerRoot root;
    private final String destination;
    private final boolean noOverwriteDirNonDir;
    private final Owner owner;
    private final List<DirTime> dirTimes = new ArrayList<>();
    /**
     * The directory the last entry went into, kept open because archives list a directory's entries
     * together: the next entry with the same parent is created through it without resolving and
     * walking the path again.
     */
    private ContainerRoot.Directory parentDir;
    /** The unresolved container path {@link #parentDir} was opened for; null once it must be resolved again. */
    private String parentPath;

    /** @param destination the resolved, clean container path of an existing directory */
    public ArchiveExtractor(ContainerRoot root, String destination, boolean noOverwriteDirNonDir, Owner owner) {
        this.root = root;
        this.destination = destination;
        this.noOverwriteDirNonDir = noOverwriteDirNonDir;
        this.owner = owner;
    }

    public void extract(InputStream in) throws IOException {
        TarReader tar = new TarReader(in);
        try {
            TarEntry e;
            while ((e = tar.next()) != null) {
                String relative = relativeName(e.name());
                if (relative.isEmpty()) {
                    continue;  // "./": the destination itself
                }
                entry(e, relative, tar);
            }
        } finally {
            closeParent();
        }
        // directories last: creating their entries changed their mtimes
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            DirTime d = dirTimes.get(i);
            try (ContainerRoot.Directory dir = root.directory(d.path)) {
                // through the descriptor's magic link, which must be followed to reach the directory
                Files.getFileAttributeView(dir.host(), BasicFileAttributeView.class).setTimes(d.mtime, null, null);
            }
        }
        // the client may send padding after the end blocks
        in.transferTo(OutputStream.nullOutputStream());
    }

    private void entry(TarEntry e, String relative, TarReader content) throws IOException {
        String unresolved = ContainerRoot.join(destination, relative);
        String name = unresolved.substring(unresolved.lastIndexOf('/') + 1);
        write(e, parentDirectory(e, ContainerRoot.parent(unresolved)), name, unresolved, content);
    }

    /**
     * The open directory that the unresolved container path {@code unresolvedParent} leads to, resolved
     * in the container and refused when that is outside the destination. The previous entry's is
     * reused when the path is the same and nothing since could have changed where it leads.
     */
    private ContainerRoot.Directory parentDirectory(TarEntry e, String unresolvedParent) throws IOException {
        if (parentDir != null && unresolvedParent.equals(parentPath)) {
            return parentDir;
        }
        closeParent();
        String parent = root.resolve(unresolvedParent);
        if (!ContainerRoot.isWithin(parent, destination)) {
            throw refused("\"" + e.name() + "\" would be written outside of " + destination
                    + " through a symbolic link");
        }
        parentDir = openParent(e, parent);
        parentPath = unresolvedParent;
        return parentDir;
    }

    /**
     * Resolution only follows symlinks, so removing an entry or adding a symlink is what can make a path
     * lead elsewhere: after either, the next entry's parent is resolved afresh.
     */
    private void parentMayHaveMoved() {
        parentPath = null;
    }

    private void closeParent() {
        if (parentDir != null) {
            parentDir.close();
            parentDir = null;
            parentPath = null;
        }
    }

    private ContainerRoot.Directory openParent(TarEntry e, String parent) {
        try {
            return root.directory(parent);
        } catch (IOException notThere) {
            throw EngineException.system("extracting \"" + e.name() + "\": cannot open directory " + parent
                    + ": " + notThere.getMessage());
        }
    }

    private void write(TarEntry e, ContainerRoot.Directory dir, String name, String unresolved,
                       TarReader content) throws IOException {
        String path = ContainerRoot.join(dir.containerPath(), name);
        Path host = dir.entry(name);
        if (dir.isMountPoint(name)) {
            // a file the container has bind-mounted (hostname, hosts, a volume file): written in place,
            // as a write inside the container would
            if (!e.isRegular() || !Files.isRegularFile(host)) {
                throw EngineException.system("cannot replace the mount point " + path);
            }
            try (FileChannel out = FileChannel.open(host, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                content.transferContent(out);
            }
            return;
        }
        if (e.isRegular()) {
            writeFile(e, dir, name, host, path, content);
            return;
        }
        int nodeType = nodeType(e);
        if (nodeType != 0) {
            writeNode(e, nodeType, dir, name, host, path);
            return;
        }
        boolean kept = Files.exists(host, LinkOption.NOFOLLOW_LINKS) && keepExisting(e, host, path);
        if (e.type() == TarEntry.DIRECTORY) {
            if (!kept) {
                Files.createDirectory(host);
            }
        } else if (e.type() == TarEntry.SYMLINK) {
            checkSymlink(e, unresolved);
            Files.createSymbolicLink(host, Path.of(e.linkName()));
            parentMayHaveMoved();
        } else if (e.type() == TarEntry.HARD_LINK) {
            String source = hardLinkSource(e);
            try (ContainerRoot.Directory sourceDir = root.directory(ContainerRoot.parent(source))) {
                Path sourceHost = sourceDir.entry(source.substring(source.lastIndexOf('/') + 1));
                if (!Files.isRegularFile(sourceHost, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused("invalid hardlink \"" + e.name() + "\" -> \"" + e.linkName()
                            + "\": no such file");
                }
                Files.createLink(host, sourceHost);
            }
            return;  // a hard link shares its source's inode: owner, mode and times are the source's
        } else {
            throw EngineException.invalidParameter("unhandled tar entry type for \"" + e.name() + "\"");
        }
        Files.setAttribute(host, "unix:uid", uid(e), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(host, "unix:gid", gid(e), LinkOption.NOFOLLOW_LINKS);
        if (e.type() != TarEntry.SYMLINK) {
            Files.setAttribute(host, "unix:mode", e.mode(), LinkOption.NOFOLLOW_LINKS);
        }
        FileTime mtime = FileTime.from(Instant.ofEpochSecond(e.mtimeSeconds(), e.mtimeNanos()));
        if (e.type() == TarEntry.DIRECTORY) {
            dirTimes.add(new DirTime(path, mtime));
        } else {
            setTimes(host, mtime);
        }
    }

    /** The S_IFMT type of a device node or FIFO entry, 0 for any other. */
    private static int nodeType(TarEntry e) {
        return switch (e.type()) {
            case TarEntry.CHAR_DEVICE -> FileMeta.S_IFCHR;
            case TarEntry.BLOCK_DEVICE -> FileMeta.S_IFBLK;
            case TarEntry.FIFO -> FileMeta.S_IFIFO;
            default -> 0;
        };
    }

    /**
     * A regular file: created (never through a symlink) and given its content, owner, mode and time
     * through its own descriptor. What is there already is dealt with only when the name is taken.
     */
    private void writeFile(TarEntry e, ContainerRoot.Directory dir, String name, Path host, String path,
                           TarReader content) throws IOException {
        try (NewFile file = create(e, host, path, () -> dir.createFile(name))) {
            content.transferContent(file.content());
            file.setOwner(uid(e), gid(e));
            file.setMode(e.mode());
            file.setModifiedTime(e.mtimeSeconds(), e.mtimeNanos());
        }
    }

    /** A device node or FIFO, made as dockerd makes it (mknod) and given its owner, mode and time. */
    private void writeNode(TarEntry e, int type, ContainerRoot.Directory dir, String name, Path host, String path)
            throws IOException {
        try (NewNode node = create(e, host, path, () -> dir.createNode(name, type, e.devMajor(), e.devMinor()))) {
            node.setOwner(uid(e), gid(e));
            node.setMode(e.mode());
            node.setModifiedTime(e.mtimeSeconds(), e.mtimeNanos());
        }
    }

    private interface Creation<T> {
        T create() throws IOException;
    }

    /** Creates the entry; when its name is taken, applies the archive's rules to what is there and tries once more. */
    private <T> T create(TarEntry e, Path host, String path, Creation<T> creation) throws IOException {
        try {
            return creation.create();
        } catch (FileAlreadyExistsException taken) {
            keepExisting(e, host, path);
            return creation.create();
        }
    }

    /**
     * Applies the archive's rules to an entry that is at {@code host} already: refused when
     * noOverwriteDirNonDir forbids replacing it, kept when both are directories (returns true), else
     * removed (returns false).
     */
    private boolean keepExisting(TarEntry e, Path host, String path) throws IOException {
        boolean existingDir = Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS);
        boolean directory = e.type() == TarEntry.DIRECTORY;
        if (noOverwriteDirNonDir && existingDir && !directory) {
            throw EngineException.invalidParameter("cannot overwrite directory \"" + path
                    + "\" with non-directory \"" + e.name() + "\"");
        }
        if (noOverwriteDirNonDir && !existingDir && directory) {
            throw EngineException.invalidParameter("cannot overwrite non-directory \"" + path
                    + "\" with directory \"" + e.name() + "\"");
        }
        if (existingDir && directory) {
            return true;
        }
        FileTrees.delete(host);
        parentMayHaveMoved();
        return false;
    }

    private int uid(TarEntry e) {
        return owner != null ? owner.uid() : (int) e.uid();
    }

    private int gid(TarEntry e) {
        return owner != null ? owner.gid() : (int) e.gid();
    }

    /** As dockerd: a relative symlink target, taken from the entry's directory, must stay below the destination. */
    private void checkSymlink(TarEntry e, String unresolved) {
        String target = e.linkName();
        String dir = ContainerRoot.parent(unresolved);
        String joined = target.startsWith("/") ? ContainerRoot.clean(destination + "/" + target)
                : climb(dir, target);
        if (joined == null || !ContainerRoot.isWithin(joined, destination)) {
            throw refused("invalid symlink \"" + e.name() + "\" -> \"" + target + "\"");
        }
    }

    /** The container path a hard link entry names, which must be inside the destination. */
    private String hardLinkSource(TarEntry e) throws IOException {
        String name = e.linkName();
        String relative;
        try {
            relative = relativeName(name);
        } catch (EngineException refused) {
            throw refused("invalid hardlink \"" + e.name() + "\" -> \"" + name + "\"");
        }
        String unresolved = ContainerRoot.join(destination, relative);
        String parent = root.resolve(ContainerRoot.parent(unresolved));
        if (relative.isEmpty() || !ContainerRoot.isWithin(parent, destination)) {
            throw refused("invalid hardlink \"" + e.name() + "\" -> \"" + name + "\"");
        }
        return ContainerRoot.join(parent, unresolved.substring(unresolved.lastIndexOf('/') + 1));
    }

    /**
     * The entry name relative to the destination ("" for the destination itself); refuses absolute
     * names and names that climb out of it.
     */
    static String relativeName(String name) {
        if (name.startsWith("/")) {
            throw refused("\"" + name + "\" is an absolute path");
        }
        String joined = climb("/", name);
        if (joined == null) {
            throw refused("\"" + name + "\" is outside of the destination directory");
        }
        return joined.substring(1);
    }

    /** {@code dir} joined with relative {@code path} and cleaned, or null when ".." climbs above "/". */
    private static String climb(String dir, String path) {
        String resolved = dir;
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (resolved.equals("/")) {
                    return null;
                }
                resolved = ContainerRoot.parent(resolved);
            } else {
                resolved = ContainerRoot.join(resolved, c);
            }
        }
        return resolved;
    }

    private static void setTimes(Path host, FileTime mtime) throws IOException {
        Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(mtime, null, null);
    }

    private static EngineException refused(String why) {
        return EngineException.invalidParameter("refusing to extract the archive: " + why);
    }
}
