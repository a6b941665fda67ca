package dev.skiff.daemon.image.changes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigChangesTest {
    private static String apply(String initial, String... changes) throws Exception {
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(initial);
        ConfigChanges.parse(List.of(changes)).applyTo(config);
        return Json.MAPPER.writeValueAsString(config);
    }

    private static void refused(String message, String... changes) {
        EngineException e = assertThrows(EngineException.class, () -> apply("{}", changes));
        assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void cmdAndEntrypointInJsonAndShellForm() throws Exception {
        assertEquals("{\"Cmd\":[\"sh\"]}", apply("{}", "CMD [\"sh\"]"));
        assertEquals("{\"Cmd\":[\"/bin/sh\",\"-c\",\"echo hi && true\"]}", apply("{}", "cmd echo hi && true"));
        assertEquals("{\"Cmd\":null,\"Entrypoint\":[\"/init\"]}", apply("{\"Cmd\":[\"old\"]}", "ENTRYPOINT [\"/init\"]"),
                "an ENTRYPOINT drops the inherited CMD");
        assertEquals("{\"Cmd\":[\"x\"],\"Entrypoint\":[\"/init\"]}", apply("{}", "CMD [\"x\"]", "ENTRYPOINT [\"/init\"]"));
        assertEquals("{\"Cmd\":[\"/bin/sh\",\"-c\",\"[not json\"]}", apply("{}", "CMD [not json"));
    }

    @Test
    void envLabelExposeVolume() throws Exception {
        assertEquals("{\"Env\":[\"PATH=/x\",\"A=1 2\",\"B=b\"]}",
                apply("{\"Env\":[\"PATH=/bin\"]}", "ENV PATH=/x A=\"1 2\"", "ENV B b"));
        assertEquals("{\"Env\":[\"GREETING=hello world\"]}", apply("{}", "ENV GREETING hello world"));
        assertEquals("{\"Labels\":{\"a\":\"1\",\"b c\":\"d e\"}}", apply("{}", "LABEL a=1 \"b c\"='d e'"));
        assertEquals("{\"ExposedPorts\":{\"80/tcp\":{},\"53/udp\":{},\"8000/tcp\":{},\"8001/tcp\":{}}}",
                apply("{}", "EXPOSE 80 53/udp 8000-8001"));
        assertEquals("{\"Volumes\":{\"/data\":{},\"/logs\":{}}}", apply("{}", "VOLUME [\"/data\"]", "VOLUME /logs"));
    }

    @Test
    void userWorkdirStopsignalOnbuild() throws Exception {
        assertEquals("{\"User\":\"1000:1000\",\"WorkingDir\":\"/app/sub\",\"StopSignal\":\"SIGINT\",\"OnBuild\":[\"RUN make\"]}",
                apply("{}", "USER 1000:1000", "WORKDIR /app", "WORKDIR sub", "STOPSIGNAL SIGINT", "ONBUILD RUN make"));
    }

    @Test
    void refusesWhatDockerdRefuses() {
        refused("RUN is not a valid change command", "RUN echo");
        refused("FROM is not a valid change command", "FROM busybox");
        refused("USER requires exactly one argument", "USER");
        refused("invalid containerPort: abc", "EXPOSE abc");
        refused("FROM isn't allowed as an ONBUILD trigger", "ONBUILD FROM x");
        refused("unexpected end of statement while looking for matching \"", "LABEL a=\"b");
    }
}
