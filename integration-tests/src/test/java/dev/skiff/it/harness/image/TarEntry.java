package dev.skiff.it.harness.image;

/**
 * One entry of a layer tar, exactly as written (names are not cleaned, so hostile layers can
 * carry {@code ../} or absolute names).
 *
 * @param name     the tar name, without the trailing slash tar puts on directories
 * @param mode     permission bits including setuid/setgid/sticky (07777)
 * @param mtime    seconds since the epoch
 * @param content  file content; empty for everything but regular files
 * @param linkName symlink target or hard-link target; null otherwise
 */
public record TarEntry(String name, Type type, int mode, int uid, int gid, long mtime, byte[] content,
                       String linkName) {

    public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK }
}
