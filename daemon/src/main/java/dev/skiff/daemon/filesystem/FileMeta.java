package dev.skiff.daemon.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * lstat(2) of a host file, from the JDK's "unix:" attribute view: what archives, stats and change
 * detection need.
 *
 * @param mode st_mode: file type and permission bits
 */
public record FileMeta(int mode, int uid, int gid, long size, FileTime mtime, long rdev, long dev, long ino,
                       int nlink) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFSOCK = 0140000;

    public static FileMeta of(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,rdev,dev,ino,nlink",
                LinkOption.NOFOLLOW_LINKS);
        return new FileMeta((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (Long) a.get("rdev"), (Long) a.get("dev"),
                (Long) a.get("ino"), (Integer) a.get("nlink"));
    }

    public int type() {
        return mode & S_IFMT;
    }

    public boolean isDirectory() {
        return type() == S_IFDIR;
    }

    public boolean isRegular() {
        return type() == S_IFREG;
    }

    public boolean isSymlink() {
        return type() == S_IFLNK;
    }

    /** overlayfs marks a deleted lower file with a 0/0 character device. */
    public boolean isWhiteout() {
        return type() == S_IFCHR && rdev == 0;
    }

    public int permissions() {
        return mode & 07777;
    }

    public int major() {
        return (int) (((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfffL));
    }

    public int minor() {
        return (int) (((rdev >>> 12) & 0xffffff00L) | (rdev & 0xffL));
    }
}
