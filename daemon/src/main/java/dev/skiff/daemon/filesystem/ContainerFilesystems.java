package dev.skiff.daemon.filesystem;

import dev.skiff.daemon.container.ContainerService;
import dev.skiff.daemon.container.ExecUser;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.runtime.layer.TarWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The container filesystem operations of the Engine API: {@code docker cp} (stat, archive, extract),
 * {@code docker export} and {@code docker diff}. They work on running containers (through the root the
 * runtime mounted, with the container's bind mounts mapped to their sources) and on stopped or
 * never-started ones (their root is mounted for the duration of the call).
 */
public final class ContainerFilesystems {
    private final ContainerService containers;

    public ContainerFilesystems(ContainerService containers) {
        this.containers = containers;
    }

    /** Opens the response once the path is known to exist; the stat goes into its header. */
    @FunctionalInterface
    public interface ArchiveTarget {
        OutputStream open(PathStat stat) throws IOException;
    }

    /** {@code HEAD /containers/{id}/archive}. */
    public PathStat stat(String ref, String path) throws IOException {
        checkPath(path);
        return containers.withFilesystem(ref, fs -> locate(root(fs), ref, path).stat);
    }

    /**
     * {@code GET /containers/{id}/archive}: a tar of the path whose top entry is named as the request
     * names it ("." for "dir/.", so the client copies the content); a symlink as the last component is
     * archived as the link itself.
     */
    public void archive(String ref, String path, ArchiveTarget target) throws IOException {
        checkPath(path);
        containers.withFilesystem(ref, fs -> {
            ContainerRoot root = root(fs);
            Located at = locate(root, ref, path);
            try (TarWriter tar = TarWriter.forFiles(target.open(at.stat))) {
                if (at.resolved.equals("/")) {
                    tar.write(".", root.hostPath("/"));
                    try (ContainerRoot.Directory dir = root.directory("/")) {
                        writeChildren(tar, dir, ".");
                    }
                } else {
                    try (ContainerRoot.Directory dir = root.directory(ContainerRoot.parent(at.resolved))) {
                        writeEntry(tar, dir, at.resolved.substring(at.resolved.lastIndexOf('/') + 1),
                                at.stat.name());
                    }
                }
                tar.finish();
            }
            return null;
        });
    }

    /** {@code PUT /containers/{id}/archive}: extracts {@code tar} into the directory {@code path}. */
    public void extract(String ref, String path, boolean noOverwriteDirNonDir, boolean copyUidGid, InputStream tar)
            throws IOException {
        checkPath(path);
        containers.withFilesystem(ref, fs -> {
            ContainerRoot root = root(fs);
            String destination = root.resolve(path);
            FileMeta meta;
            try {
                meta = statEntry(root, destination);
            } catch (NoSuchFileException e) {
                throw notFound(ref, path);
            }
            if (!meta.isDirectory()) {
                throw EngineException.invalidParameter("extraction point is not a directory");
            }
            if (root.isReadOnly(destination)) {
                throw EngineException.system("mounted volume is marked read-only");
            }
            ArchiveExtractor.Owner owner = copyUidGid ? containerUser(root, fs.record().config().user()) : null;
            new ArchiveExtractor(root, destination, noOverwriteDirNonDir, owner).extract(tar);
            return null;
        });
    }

    /** {@code GET /containers/{id}/export}: the merged root filesystem as one tar stream. */
    public void export(String ref, Supplier<OutputStream> target) throws IOException {
        containers.withFilesystem(ref, fs -> {
            // the root as mounted, without the container's bind mounts (volumes are not exported)
            ContainerRoot root = new ContainerRoot(fs.rootfs(), List.of());
            try (TarWriter tar = TarWriter.forFiles(target.get()); ContainerRoot.Directory dir = root.directory("/")) {
                writeChildren(tar, dir, "");
                tar.finish();
            }
            return null;
        });
    }

    /** {@code GET /containers/{id}/changes}. */
    public List<Change> changes(String ref) throws IOException {
        return containers.withFilesystem(ref, fs -> new ContainerChanges(fs.upper(), fs.lowerDirs()).compute());
    }

    private static ContainerRoot root(ContainerService.Filesystem fs) {
        return new ContainerRoot(fs.rootfs(), fs.mounts());
    }

    private record Located(String resolved, PathStat stat) {
    }

    /**
     * dockerd's ResolvePath + StatPath: the directory part is resolved in the container, the last
     * component only when the path ends in "/" or "/." (then it must be a directory to copy from).
     */
    private static Located locate(ContainerRoot root, String ref, String path) throws IOException {
        boolean wholePath = path.endsWith("/") || path.endsWith("/.") || path.equals(".");
        String clean = ContainerRoot.clean(path);
        String resolved = wholePath ? root.resolve(clean) : root.resolveParent(clean);
        FileMeta meta;
        try {
            meta = statEntry(root, resolved);
        } catch (NoSuchFileException e) {
            throw notFound(ref, path);
        }
        String linkTarget = meta.isSymlink() ? root.resolve(clean) : "";
        String name = path.endsWith("/.") || path.equals(".") ? "."
                : clean.equals("/") ? "/" : clean.substring(clean.lastIndexOf('/') + 1);
        return new Located(resolved, PathStat.of(name, meta, linkTarget));
    }

    /**
     * Archives the entry {@code base} of an open directory as {@code name} and, for a directory,
     * everything below it; each directory is entered through its descriptor, never by path.
     */
    private static void writeEntry(TarWriter tar, ContainerRoot.Directory dir, String base, String name)
            throws IOException {
        if (tar.write(name, dir.entry(base))) {
            try (ContainerRoot.Directory sub = dir.subdirectory(base)) {
                writeChildren(tar, sub, name);
            }
        }
    }

    /** The entries of a directory, sorted by name as Go's filepath.Walk visits them, below {@code prefix}. */
    private static void writeChildren(TarWriter tar, ContainerRoot.Directory dir, String prefix) throws IOException {
        for (Path child : TarWriter.sortedChildren(dir.host())) {
            String base = child.getFileName().toString();
            writeEntry(tar, dir, base, prefix.isEmpty() ? base : prefix + "/" + base);
        }
    }

    /** The uid and gid of the container's configured user, from its own passwd and group files. */
    private static ArchiveExtractor.Owner containerUser(ContainerRoot root, String user) throws IOException {
        ExecUser u = ExecUser.resolve(user, readIfPresent(root, "/etc/passwd"), readIfPresent(root, "/etc/group"));
        return new ArchiveExtractor.Owner(u.uid(), u.gid());
    }

    private static String readIfPresent(ContainerRoot root, String path) throws IOException {
        String resolved = root.resolve(path);
        try (ContainerRoot.Directory dir = root.directory(ContainerRoot.parent(resolved))) {
            Path host = dir.entry(resolved.substring(resolved.lastIndexOf('/') + 1));
            if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(host, LinkOption.NOFOLLOW_LINKS)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException unreadable) {
            return null;  // as if the image had none: numeric users still resolve
        }
    }

    /** lstat of a resolved container path, its directory entered by descriptor. */
    private static FileMeta statEntry(ContainerRoot root, String resolved) throws IOException {
        if (resolved.equals("/")) {
            return FileMeta.of(root.hostPath("/"));
        }
        ContainerRoot.Directory dir;
        try {
            dir = root.directory(ContainerRoot.parent(resolved));
        } catch (IOException e) {
            throw new NoSuchFileException(resolved);  // a missing or replaced directory: nothing there
        }
        try (dir) {
            return FileMeta.of(dir.entry(resolved.substring(resolved.lastIndexOf('/') + 1)));
        }
    }

    private static void checkPath(String path) {
        if (path == null || path.isEmpty()) {
            // dockerd's text, missing space included
            throw EngineException.invalidParameter("bad parameter: pathcannot be empty");
        }
    }

    private static EngineException notFound(String ref, String path) {
        return EngineException.notFound("Could not find the file " + path + " in container " + ref);
    }
}
