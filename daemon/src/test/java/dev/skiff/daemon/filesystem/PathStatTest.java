package dev.skiff.daemon.filesystem;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathStatTest {

    private static FileMeta meta(int mode, long size, Instant mtime) {
        return new FileMeta(mode, 0, 0, size, FileTime.from(mtime), 0, 1, 1, 1);
    }

    @Test
    void modesAreGoFileModes() {
        // values from cp-to-container.txt / cp-from-container.txt
        assertEquals(2147484141L, PathStat.goFileMode(meta(0040755, 4096, Instant.EPOCH)));
        assertEquals(420L, PathStat.goFileMode(meta(0100644, 13, Instant.EPOCH)));
        assertEquals((1L << 31) | (1L << 20) | 0777, PathStat.goFileMode(meta(0041777, 0, Instant.EPOCH)));
        assertEquals((1L << 27) | 0777, PathStat.goFileMode(meta(0120777, 7, Instant.EPOCH)));
        assertEquals((1L << 23) | 0755, PathStat.goFileMode(meta(0104755, 7, Instant.EPOCH)));
        assertEquals((1L << 26) | (1L << 21) | 0666, PathStat.goFileMode(meta(0020666, 0, Instant.EPOCH)));
    }

    @Test
    void headerIsDockerdsJsonInBase64() {
        PathStat s = PathStat.of("hostname", meta(0100644, 13, Instant.parse("2026-11-22T21:07:27.123519593Z")), "");
        assertEquals("eyJuYW1lIjoiaG9zdG5hbWUiLCJzaXplIjoxMywibW9kZSI6NDIwLCJtdGltZSI6IjIwMjYtMTEtMjJUMjE6MDc6MjcuMTIzNTE5NTkzWiIsImxpbmtUYXJnZXQiOiIifQ==",
                s.headerValue());
        PathStat dir = PathStat.of("dir", meta(0040755, 4096, Instant.parse("2026-11-22T21:06:59Z")), "");
        assertEquals("{\"name\":\"dir\",\"size\":4096,\"mode\":2147484141,\"mtime\":\"2026-11-22T21:06:59Z\",\"linkTarget\":\"\"}",
                new String(Base64.getDecoder().decode(dir.headerValue()), StandardCharsets.UTF_8));
    }
}
