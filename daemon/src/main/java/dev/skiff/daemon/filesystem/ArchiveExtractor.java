package dev.skiff.daemon.filesystem;

import dev.skiff.daemon.errors.EngineException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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

    private record DirTime(Path host, FileTime mtime) {
    }

    private final ContainerRoot root;
    private final String destination;
    private final boolean noOverwriteDirNonDir;
    private final Owner owner;
    private final List<DirTime> dirTimes = new ArrayList<>();

    /** @param destination the resolved, clean container path of an existing directory */
    public ArchiveExtractor(ContainerRoot root, String destination, boolean noOverwriteDirNonDir, Owner owner) {
        this.root = root;
        this.destination = destination;
        this.noOverwriteDirNonDir = noOverwriteDirNonDir;
        this.owner = owner;
    }

    public void extract(InputStream in) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
        TarArchiveEntry e;
        while ((e = tar.getNextTarEntry()) != null) {
            String relative = relativeName(e.getName());
            if (relative.isEmpty()) {
                continue;  // "./": the destination itself
            }
            entry(e, relative, tar);
        }
        // directories last: creating their entries changed their mtimes
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            DirTime d = dirTimes.get(i);
            Files.getFileAttributeView(d.host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(d.mtime, null, null);
        }
        // the client may send padding after the end blocks
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    private void entry(TarArchiveEntry e, String relative, InputStream content) throws IOException {
        String unresolved = ContainerRoot.join(destination, relative);
        String parent = root.resolve(ContainerRoot.parent(unresolved));
        if (!ContainerRoot.isWithin(parent, destination)) {
            throw refused("\"" + e.getName() + "\" would be written outside of " + destination
                    + " through a symbolic link");
        }
        String path = ContainerRoot.join(parent, unresolved.substring(unresolved.lastIndexOf('/') + 1));
        Path host = root.hostPath(path);
        Path hostParent = host.getParent();
        if (!Files.isDirectory(hostParent, LinkOption.NOFOLLOW_LINKS)) {
            throw EngineException.system("extracting \"" + e.getName() + "\": parent directory "
                    + ContainerRoot.parent(path) + " does not exist");
        }
        boolean exists = Files.exists(host, LinkOption.NOFOLLOW_LINKS);
        if (exists) {
            boolean existingDir = Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS);
            if (noOverwriteDirNonDir && existingDir && !e.isDirectory()) {
                throw EngineException.invalidParameter("cannot overwrite directory \"" + path
                        + "\" with non-directory \"" + e.getName() + "\"");
            }
            if (noOverwriteDirNonDir && !existingDir && e.isDirectory()) {
                throw EngineException.invalidParameter("cannot overwrite non-directory \"" + path
                        + "\" with directory \"" + e.getName() + "\"");
            }
            if (!(existingDir && e.isDirectory())) {
                removeTree(host);
                exists = false;
            }
        }
        if (e.isDirectory()) {
            if (!exists) {
                Files.createDirectory(host);
            }
        } else if (e.isSymbolicLink()) {
            checkSymlink(e, unresolved);
            Files.createSymbolicLink(host, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
            Files.createLink(host, hardLinkSource(e));
            return;  // a hard link shares its source's inode: owner, mode and times are the source's
        } else if (e.isFile()) {
            Files.copy(content, host, StandardCopyOption.REPLACE_EXISTING);
        } else {
            throw EngineException.invalidParameter("unhandled tar entry type for \"" + e.getName() + "\"");
        }
        int uid = owner != null ? owner.uid() : (int) e.getLongUserId();
        int gid = owner != null ? owner.gid() : (int) e.getLongGroupId();
        Files.setAttribute(host, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(host, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        if (!e.isSymbolicLink()) {
            Files.setAttribute(host, "unix:mode", e.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
        }
        FileTime mtime = FileTime.from(e.getModTime().toInstant());
        if (e.isDirectory()) {
            dirTimes.add(new DirTime(host, mtime));
        } else {
            Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(mtime, null, null);
        }
    }

    /** As dockerd: a relative symlink target, taken from the entry's directory, must stay below the destination. */
    private void checkSymlink(TarArchiveEntry e, String unresolved) {
        String target = e.getLinkName();
        String dir = ContainerRoot.parent(unresolved);
        String joined = target.startsWith("/") ? ContainerRoot.clean(destination + "/" + target)
                : climb(dir, target);
        if (joined == null || !ContainerRoot.isWithin(joined, destination)) {
            throw refused("invalid symlink \"" + e.getName() + "\" -> \"" + target + "\"");
        }
    }

    private Path hardLinkSource(TarArchiveEntry e) throws IOException {
        String name = e.getLinkName();
        String relative;
        try {
            relative = relativeName(name);
        } catch (EngineException refused) {
            throw refused("invalid hardlink \"" + e.getName() + "\" -> \"" + name + "\"");
        }
        String unresolved = ContainerRoot.join(destination, relative);
        String parent = root.resolve(ContainerRoot.parent(unresolved));
        String source = ContainerRoot.join(parent, unresolved.substring(unresolved.lastIndexOf('/') + 1));
        if (relative.isEmpty() || !ContainerRoot.isWithin(parent, destination)) {
            throw refused("invalid hardlink \"" + e.getName() + "\" -> \"" + name + "\"");
        }
        Path host = root.hostPath(source);
        if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
            throw refused("invalid hardlink \"" + e.getName() + "\" -> \"" + name + "\": no such file");
        }
        return host;
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

    private static EngineException refused(String why) {
        return EngineException.invalidParameter("refusing to extract the archive: " + why);
    }

    private static void removeTree(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }
}
