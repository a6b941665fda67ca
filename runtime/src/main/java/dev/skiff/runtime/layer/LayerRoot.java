package dev.skiff.runtime.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Path resolution confined to one layer directory. Every component is looked at with lstat;
 * a symlink met on the way is followed only while its (relative) target stays inside the root.
 * Absolute link targets and ".." above the root are refused rather than clamped, so a hostile
 * tar fails loudly instead of being silently reinterpreted. The directory being filled is
 * private to the extracting thread, so there is no concurrent writer to race with.
 */
final class LayerRoot {
    private static final int MAX_LINKS = 40;  // as the kernel's ELOOP limit

    private final Path root;

    LayerRoot(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /**
     * Splits a tar member name into clean components. Leading "./" and trailing "/" are
     * dropped; an empty result means the root itself.
     */
    static List<String> components(String name) throws UnsafeLayerException {
        if (name.startsWith("/")) {
            throw new UnsafeLayerException("tar entry \"" + name + "\" has an absolute path");
        }
        List<String> out = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                throw new UnsafeLayerException("tar entry \"" + name + "\" contains \"..\"");
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The directory that holds the last component of {@code components}, creating missing
     * directories (0755, root-owned, as dockerd does) on the way.
     */
    Path parentOf(List<String> components, String entryName) throws IOException {
        return resolveDirectory(components.subList(0, components.size() - 1), entryName, true);
    }

    /** An existing member of the layer named by a hard link, its parents resolved in the root. */
    Path existing(List<String> components, String entryName) throws IOException {
        if (components.isEmpty()) {
            throw new UnsafeLayerException("hard link \"" + entryName + "\" points at the layer root");
        }
        Path dir = resolveDirectory(components.subList(0, components.size() - 1), entryName, false);
        Path target = dir.resolve(components.get(components.size() - 1));
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(entryName, null, "hard link target does not exist in the layer");
        }
        return target;
    }

    private Path resolveDirectory(List<String> components, String entryName, boolean create) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components);
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String c = pending.removeFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (resolved.isEmpty()) {
                    throw new UnsafeLayerException("tar entry \"" + entryName + "\" resolves outside the layer");
                }
                resolved.remove(resolved.size() - 1);
                continue;
            }
            Path candidate = join(resolved).resolve(c);
            BasicFileAttributes attrs = lstat(candidate);
            if (attrs == null) {
                if (!create) {
                    throw new NoSuchFileException(entryName, null, "no such directory in the layer");
                }
                Files.createDirectory(candidate);
                LayerSyscalls.chmod(candidate, 0755);
                resolved.add(c);
            } else if (attrs.isDirectory()) {
                resolved.add(c);
            } else if (attrs.isSymbolicLink()) {
                if (++links > MAX_LINKS) {
                    throw new UnsafeLayerException("tar entry \"" + entryName + "\": too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    throw new UnsafeLayerException("tar entry \"" + entryName + "\" goes through symbolic link "
                            + root.relativize(candidate) + " -> " + target + ", which leaves the layer");
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    pending.addFirst(parts[i]);
                }
            } else {
                throw new UnsafeLayerException("tar entry \"" + entryName + "\": "
                        + root.relativize(candidate) + " is not a directory");
            }
        }
        return join(resolved);
    }

    private Path join(List<String> resolved) {
        Path p = root;
        for (String c : resolved) {
            p = p.resolve(c);
        }
        return p;
    }

    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
