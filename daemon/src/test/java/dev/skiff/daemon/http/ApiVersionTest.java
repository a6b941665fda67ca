package dev.skiff.daemon.http;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiVersionTest {
    @Test
    void prefixIsOptional() {
        assertEquals(new ApiVersion.VersionedPath("1.41", "/containers/json"), ApiVersion.split("/containers/json"));
        assertEquals(new ApiVersion.VersionedPath("1.40", "/containers/json"), ApiVersion.split("/v1.40/containers/json"));
        assertEquals(new ApiVersion.VersionedPath("1.24", "/_ping"), ApiVersion.split("/v1.24/_ping"));
    }

    @Test
    void tooNewIsRejectedWithDockerdsText() {
        EngineException e = assertThrows(EngineException.class, () -> ApiVersion.split("/v1.99/containers/json"));
        assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
        assertEquals("client version 1.99 is too new. Maximum supported API version is 1.41", e.getMessage());
    }

    @Test
    void tooOldIsRejected() {
        EngineException e = assertThrows(EngineException.class, () -> ApiVersion.split("/v1.12/containers/json"));
        assertTrue(e.getMessage().startsWith("client version 1.12 is too old. Minimum supported API version is 1.24"));
    }

    @Test
    void comparesNumerically() {
        assertTrue(ApiVersion.compare("1.9", "1.10") < 0);
        assertTrue(ApiVersion.atLeast("1.41", "1.25"));
    }
}
