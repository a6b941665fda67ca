package dev.skiff.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProgressPrinterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String render(String message) throws IOException {
        JsonNode node = JSON.readTree(message);
        return ProgressPrinter.render(node);
    }

    @Test
    void linesAsAPipeShowsThem() throws IOException {
        assertEquals("latest: Pulling from library/busybox\n",
                render("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}"));
        assertEquals("f080498ec7b0: Pulling fs layer\n",
                render("{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"f080498ec7b0\"}"));
        assertEquals("Digest: sha256:e5ce\n", render("{\"status\":\"Digest: sha256:e5ce\"}"));
        assertEquals("Loaded image: savetest:2\n", render("{\"stream\":\"Loaded image: savetest:2\\n\"}"));
    }

    @Test
    void progressBarsAreSkipped() throws IOException {
        assertNull(render("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":32768,\"total\":2152262},"
                + "\"progress\":\"[>   ]  32.77kB/2.152MB\",\"id\":\"f080498ec7b0\"}"));
        assertNull(render("{\"status\":\"Extracting\",\"progressDetail\":{\"current\":1},\"id\":\"x\"}"));
    }
}
