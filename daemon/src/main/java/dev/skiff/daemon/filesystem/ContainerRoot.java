package dev.skiff.daemon.filesystem;

import dev.skiff.runtime.BindMount;
import dev.skiff.runtime.rootfs.NewFile;
import dev.skiff.runtime.rootfs.NewNode;
import dev.skiff.runtime.rootfs.PinnedDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A container's file tree as the daemon reaches it: the merged root mounted at {@code rootfs} plus the
 * bind mounts that only the container's own mount namespace shows (their sources are used instead).
 *
 * <p>Paths are container paths. Resolution happens in the container's scope, as a process inside would
 * see it (Go's FollowSymlinkInScope): ".." stops at the root, absolute symlink targets start again at
 * the container's root, so a resolved path always names something inside the container and its host
 * path is under the rootfs or a bind source.
 */
public final class ContainerRoot {
    private static final int MAX_SYMLINKS = 255;

    private final Path rootfs;
    /** Longest destination first, so the innermost mount wins. */
    private final List<BindMount> mounts;

    public ContainerRoot(Path rootfs, List<BindMount> mounts) {
        this.rootfs = rootfs;
        this.mounts = mounts.stream()
                .sorted(Comparator.comparingInt((BindMount m) -> clean(m.destination()).length()).reversed())
                .toList();
    }

    /** Where a clean container path (from {@link #resolve} or {@link #clean}) is on the host. */
    public Path hostPath(String containerPath) {
        String p = clean(containerPath);
        BindMount m = mountOf(p);
        if (m == null) {
            return p.equals("/") ? rootfs : rootfs.resolve(p.substring(1));
        }
        String dest = clean(m.destination());
        return p.equals(dest) ? Path.of(m.source()) : Path.of(m.source()).resolve(p.substring(dest.length() + 1));
    }

    /**
     * Opens a directory of the container by a path from {@link #resolve} (free of symlinks), one
     * component at a time without following symlinks, starting at the root of the mount that holds it:
     * a directory the container's processes replace meanwhile fails the call instead of leading out.
     */
    public Directory directory(String resolvedPath) throws IOException {
        String p = clean(resolvedPath);
        BindMount m = mountOf(p);
        String base = m == null ? "/" : clean(m.destination());
        Directory dir = new Directory(base, PinnedDirectory.open(m == null ? rootfs : Path.of(m.source())));
        String rest = p.substring(base.length());
        for (String name : components(rest)) {
            Directory next;
            try {
                next = dir.subdirectory(name);
            } finally {
                dir.close();
            }
            dir = next;
        }
        return dir;
    }

    /** An open directory of the container and the container path it has. */
    public final class Directory implements AutoCloseable {
        private final String path;
        private final PinnedDirectory pinned;

        private Directory(String path, PinnedDirectory pinned) {
            this.path = path;
            this.pinned = pinned;
        }

        /** Its container path. */
        public String containerPath() {
            return path;
        }

        /** The directory itself, to list it. */
        public Path host() {
            return pinned.path();
        }

        /**
         * Where the entry {@code name} is: below the pinned directory, or the source of a bind mount
         * on it. Use it without following a symlink there.
         */
        public Path entry(String name) {
            BindMount m = mountAt(join(path, name));
            return m != null ? Path.of(m.source()) : pinned.child(name);
        }

        /** Whether something is bind-mounted on the entry {@code name}. */
        public boolean isMountPoint(String name) {
            return mountAt(join(path, name)) != null;
        }

        /**
         * Creates the regular file {@code name}, which must not be a mount point; fails with
         * FileAlreadyExistsException when something is there.
         */
        public NewFile createFile(String name) throws IOException {
            return pinned.createFile(name);
        }

        /**
         * Creates the device node or FIFO {@code name}, which must not be a mount point; fails with
         * FileAlreadyExistsException when something is there.
         */
        public NewNode createNode(String name, int type, int major, int minor) throws IOException {
            return pinned.createNode(name, type, major, minor);
        }

        /** Opens the subdirectory {@code name} (a bind mount's source when one is mounted there). */
        public Directory subdirectory(String name) throws IOException {
            String p = join(path, name);
            BindMount m = mountAt(p);
            return new Directory(p, m != null ? PinnedDirectory.open(Path.of(m.source())) : pinned.subdirectory(name));
        }

        @Override
        public void close() {
            pinned.close();
        }
    }

    private BindMount mountAt(String p) {
        for (BindMount m : mounts) {
            if (clean(m.destination()).equals(p)) {
                return m;
            }
        }
        return null;
    }

    /** Whether a clean container path is on a read-only bind mount. */
    public boolean isReadOnly(String containerPath) {
        BindMount m = mountOf(clean(containerPath));
        return m != null && m.readOnly();
    }

    /** The innermost bind mount holding clean path {@code p}, or null for the container's own root. */
    private BindMount mountOf(String p) {
        for (BindMount m : mounts) {
            if (isWithin(p, clean(m.destination()))) {
                return m;
            }
        }
        return null;
    }

    /** Resolves every symlink of {@code path} inside the container, the last component included. */
    public String resolve(String path) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components(path));
        String resolved = "/";
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals("..")) {
                resolved = parent(resolved);
                continue;
            }
            String candidate = join(resolved, name);
            Path host = hostPath(candidate);
            if (!Files.isSymbolicLink(host)) {
                resolved = candidate;
                continue;
            }
            if (++links > MAX_SYMLINKS) {
                throw new IOException("too many levels of symbolic links: " + path);
            }
            String target = Files.readSymbolicLink(host).toString();
            if (target.startsWith("/")) {
                resolved = "/";
            }
            List<String> parts = components(target);
            for (int i = parts.size() - 1; i >= 0; i--) {
                pending.addFirst(parts.get(i));
            }
        }
        return resolved;
    }

    /**
     * Resolves the directory part of {@code path} inside the container and keeps its last component as
     * it is (not following a symlink there), as dockerd's ResolvePath does. "/" and paths ending in "."
     * resolve as a whole.
     */
    public String resolveParent(String path) throws IOException {
        String p = clean(path);
        if (p.equals("/")) {
            return p;
        }
        int slash = p.lastIndexOf('/');
        return join(resolve(p.substring(0, slash)), p.substring(slash + 1));
    }

    /** The absolute, clean form of a container path: no ".", "..", empty or trailing components. */
    public static String clean(String path) {
        String resolved = "/";
        for (String name : components(path)) {
            resolved = name.equals("..") ? parent(resolved) : join(resolved, name);
        }
        return resolved;
    }

    /** Whether clean path {@code p} is {@code dir} or below it. */
    public static boolean isWithin(String p, String dir) {
        return dir.equals("/") || p.equals(dir) || p.startsWith(dir + "/");
    }

    static String join(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    static String parent(String p) {
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    private static List<String> components(String path) {
        return Arrays.stream(path.split("/")).filter(c -> !c.isEmpty() && !c.equals(".")).toList();
    }
}
