package dev.skiff.daemon.exec;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecConfigTest {
    private static ExecConfig parse(String json) throws Exception {
        return ExecConfig.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void readsTheBodyTheCliSends() throws Exception {
        ExecConfig c = parse("""
                {"User":"1000","Privileged":false,"Tty":true,"AttachStdin":true,"AttachStderr":true,
                 "AttachStdout":true,"Detach":false,"DetachKeys":"ctrl-x","Env":["A=1"],"WorkingDir":"/tmp",
                 "Cmd":["sh","-c","echo $A"],"ConsoleSize":[30,100]}""");
        assertEquals(List.of("sh", "-c", "echo $A"), c.cmd());
        assertEquals(List.of("A=1"), c.env());
        assertEquals("/tmp", c.workingDir());
        assertEquals("1000", c.user());
        assertTrue(c.tty() && c.attachStdin() && c.attachStdout() && c.attachStderr());
        assertEquals("ctrl-x", c.detachKeys());
        assertArrayEquals(new int[] {30, 100}, c.consoleSize());
    }

    @Test
    void nullsAndAbsentFieldsAreDefaults() throws Exception {
        ExecConfig c = parse("{\"Cmd\":[\"ls\"],\"Env\":null,\"User\":\"\",\"ConsoleSize\":[0,0]}");
        assertEquals(List.of(), c.env());
        assertEquals("", c.user());
        assertEquals("", c.workingDir());
        assertEquals("", c.detachKeys());
        assertNull(c.consoleSize());
    }

    @Test
    void aCommandIsRequired() {
        for (String body : List.of("{}", "{\"Cmd\":[]}", "{\"Cmd\":null}")) {
            EngineException e = assertThrows(EngineException.class, () -> parse(body));
            assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
            assertEquals("No exec command specified", e.getMessage());
        }
        assertThrows(EngineException.class, () -> ExecConfig.parse(null));
    }

    @Test
    void aRelativeWorkingDirectoryIsRefused() {
        EngineException e = assertThrows(EngineException.class, () -> parse("{\"Cmd\":[\"ls\"],\"WorkingDir\":\"tmp\"}"));
        assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
    }

    @Test
    void unknownDetachKeysAreRefused() {
        EngineException e = assertThrows(EngineException.class, () -> parse("{\"Cmd\":[\"ls\"],\"DetachKeys\":\"ctrl-1\"}"));
        assertEquals("Invalid escape keys (ctrl-1) provided", e.getMessage());
    }

    @Test
    void theContainersUserIsTheDefault() throws Exception {
        assertEquals("user", parse("{\"Cmd\":[\"ls\"]}").withDefaultUser("user").user());
        assertEquals("1000", parse("{\"Cmd\":[\"ls\"],\"User\":\"1000\"}").withDefaultUser("user").user());
    }

    @Test
    void theEventCommandLineIsDockerds() throws Exception {
        assertEquals("sh -c exit 7", parse("{\"Cmd\":[\"sh\",\"-c\",\"exit 7\"]}").commandLine());
        // dockerd joins entrypoint and arguments with a space even when there are no arguments
        assertEquals("true ", parse("{\"Cmd\":[\"true\"]}").commandLine());
    }
}
