package dev.skiff.daemon.commit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.container.ContainerConfig;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.image.changes.ConfigChanges;
import dev.skiff.daemon.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommitConfigTest {
    private static final ContainerConfig CONTAINER = new ContainerConfig("abc123", "", "", false, true, true,
            Map.of("80/tcp", Map.of()), false, false, false, List.of("PATH=/bin", "A=1"), List.of("sh"), "busybox",
            null, "/work", null, null, Map.of("tier", "demo"), null, null);

    @Test
    void withoutABodyTheContainersConfigGetsTheChanges() throws Exception {
        ObjectNode c = CommitConfig.build(null, ConfigChanges.parse(List.of("CMD [\"cat\",\"/f\"]", "ENV B=2")),
                CommitConfig.of(CONTAINER));
        assertEquals("[\"cat\",\"/f\"]", c.get("Cmd").toString());
        assertEquals("[\"PATH=/bin\",\"A=1\",\"B=2\"]", c.get("Env").toString());
        assertEquals("/work", c.get("WorkingDir").asText());
        assertEquals("abc123", c.get("Hostname").asText());
        assertEquals("{\"80/tcp\":{}}", c.get("ExposedPorts").toString());
    }

    @Test
    void aBodyIsCompletedFromTheContainerAsDockerdMerges() throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(
                "{\"Env\":[\"A=9\"],\"Labels\":{\"own\":\"x\"},\"ExposedPorts\":{\"53/udp\":{}}}");
        ObjectNode c = CommitConfig.build(body, ConfigChanges.parse(List.of()), CommitConfig.of(CONTAINER));
        assertEquals("[\"A=9\",\"PATH=/bin\"]", c.get("Env").toString());
        assertEquals("[\"sh\"]", c.get("Cmd").toString());
        assertEquals("{\"own\":\"x\",\"tier\":\"demo\"}", c.get("Labels").toString());
        assertEquals("{\"80/tcp\":{},\"53/udp\":{}}", c.get("ExposedPorts").toString());
        assertEquals("/work", c.get("WorkingDir").asText());
    }

    @Test
    void aWronglyTypedEnvIsTheClientsError() throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree("{\"Env\":\"A=1\"}");
        EngineException e = assertThrows(EngineException.class,
                () -> CommitConfig.build(body, ConfigChanges.parse(List.of()), CommitConfig.of(CONTAINER)));
        assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
    }
}
