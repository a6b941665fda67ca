package dev.skiff.runtime.layer;

import java.util.Map;

/**
 * One member of a tar stream after ustar, GNU long-name and PAX headers have been merged.
 *
 * @param name      member path exactly as stored (not yet cleaned)
 * @param type      the typeflag byte ('0', '5', '2', '1', '3', '4', '6', ...)
 * @param size      bytes of content that follow (regular files only)
 * @param mode      permission bits including setuid, setgid and sticky (low 12 bits)
 * @param xattrs    extended attributes from PAX {@code SCHILY.xattr.} records, values as raw bytes
 */
public record TarEntry(
        String name,
        byte type,
        long size,
        int mode,
        long uid,
        long gid,
        long mtimeSeconds,
        int mtimeNanos,
        long atimeSeconds,
        int atimeNanos,
        String linkName,
        int devMajor,
        int devMinor,
        Map<String, byte[]> xattrs) {

    public static final byte REGULAR = '0';
    public static final byte REGULAR_OLD = 0;
    public static final byte CONTIGUOUS = '7';
    public static final byte HARD_LINK = '1';
    public static final byte SYMLINK = '2';
    public static final byte CHAR_DEVICE = '3';
    public static final byte BLOCK_DEVICE = '4';
    public static final byte DIRECTORY = '5';
    public static final byte FIFO = '6';

    public boolean isRegular() {
        return type == REGULAR || type == REGULAR_OLD || type == CONTIGUOUS;
    }
}
