package dev.skiff.daemon.filesystem;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.time.GoTime;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dockerd's ContainerPathStat, sent base64-encoded in the {@code X-Docker-Container-Path-Stat} header.
 *
 * @param mode       a Go {@code os.FileMode}: permission bits plus Go's own type and mode flags
 * @param linkTarget for a symlink, the container path it finally resolves to; empty otherwise
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
    public static final String HEADER = "X-Docker-Container-Path-Stat";

    // Go os.FileMode bits (io/fs)
    static final long GO_DIR = 1L << 31;
    static final long GO_SYMLINK = 1L << 27;
    static final long GO_DEVICE = 1L << 26;
    static final long GO_NAMED_PIPE = 1L << 25;
    static final long GO_SOCKET = 1L << 24;
    static final long GO_SETUID = 1L << 23;
    static final long GO_SETGID = 1L << 22;
    static final long GO_CHAR_DEVICE = 1L << 21;
    static final long GO_STICKY = 1L << 20;

    public static PathStat of(String name, FileMeta m, String linkTarget) {
        return new PathStat(name, m.size(), goFileMode(m), m.mtime().toInstant(), linkTarget);
    }

    /** st_mode as Go's os.FileMode (what Lstat's FileInfo.Mode() returns). */
    static long goFileMode(FileMeta m) {
        long mode = m.mode() & 0777;
        switch (m.type()) {
            case FileMeta.S_IFDIR -> mode |= GO_DIR;
            case FileMeta.S_IFLNK -> mode |= GO_SYMLINK;
            case FileMeta.S_IFCHR -> mode |= GO_DEVICE | GO_CHAR_DEVICE;
            case FileMeta.S_IFBLK -> mode |= GO_DEVICE;
            case FileMeta.S_IFIFO -> mode |= GO_NAMED_PIPE;
            case FileMeta.S_IFSOCK -> mode |= GO_SOCKET;
            default -> {
            }
        }
        if ((m.mode() & 04000) != 0) {
            mode |= GO_SETUID;
        }
        if ((m.mode() & 02000) != 0) {
            mode |= GO_SETGID;
        }
        if ((m.mode() & 01000) != 0) {
            mode |= GO_STICKY;
        }
        return mode;
    }

    /** The header value: base64 of the JSON document, fields in dockerd's order. */
    public String headerValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("size", size);
        json.put("mode", mode);
        json.put("mtime", GoTime.rfc3339Nano(mtime));
        json.put("linkTarget", linkTarget);
        try {
            return Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
