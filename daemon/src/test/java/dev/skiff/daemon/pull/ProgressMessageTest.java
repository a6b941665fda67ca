package dev.skiff.daemon.pull;

import dev.skiff.daemon.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressMessageTest {
    @Test
    void rendersDockerdsJsonShapes() throws Exception {
        assertEquals("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}",
                Json.MAPPER.writeValueAsString(ProgressMessage.message("latest", "Pulling from library/busybox")));
        assertEquals("{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"f080498ec7b0\"}",
                Json.MAPPER.writeValueAsString(ProgressMessage.update("f080498ec7b0", "Pulling fs layer")));
        assertEquals("{\"status\":\"Digest: sha256:x\"}",
                Json.MAPPER.writeValueAsString(ProgressMessage.message("Digest: sha256:x")));
        // pull.txt, first Downloading message
        assertEquals("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":36445,\"total\":1068953},"
                        + "\"progress\":\"[=>                                                 ]  36.45kB/1.069MB\",\"id\":\"f080498ec7b0\"}",
                Json.MAPPER.writeValueAsString(ProgressMessage.progress("f080498ec7b0", "Downloading", 36445, 1068953)));
    }

    @Test
    void progressBarsMatchTheRecording() {
        assertEquals("[=>                                                 ]  32.77kB/1.069MB", ProgressBar.render(32768, 1068953));
        assertEquals("[==================================================>]  1.069MB/1.069MB", ProgressBar.render(1068953, 1068953));
        assertEquals("    512B", ProgressBar.render(512, 0));
        assertEquals("[==================================================>]     20MB", ProgressBar.render(20_000_000, 10_000_000),
                "a current beyond the total drops the total, as jsonmessage does");
    }

    @Test
    void humanSizesLikeGoUnits() {
        assertEquals("0B", ProgressBar.humanSize(0));
        assertEquals("999B", ProgressBar.humanSize(999));
        assertEquals("1kB", ProgressBar.humanSize(1000));
        assertEquals("1.984MB", ProgressBar.humanSize(1984172));
        assertEquals("1.5GB", ProgressBar.humanSize(1_500_000_000L));
        assertEquals("209.7MB", ProgressBar.humanSize(209_715_200));
    }

    @Test
    void readerReportsFirstStepThenRateLimitsUntilTheEnd() throws IOException {
        List<Long> seen = new ArrayList<>();
        byte[] data = new byte[1_000_000];
        try (ProgressReader r = new ProgressReader(new ByteArrayInputStream(data), data.length, (c, t) -> seen.add(c))) {
            r.transferTo(java.io.OutputStream.nullOutputStream());
        }
        // transferTo reads 8 KiB chunks: 1% = 10000 bytes is first exceeded at 16384; the rest
        // come within 100 ms and are rate limited; the end of stream is always reported.
        assertEquals(List.of(16384L, 1_000_000L), seen);
    }
}
