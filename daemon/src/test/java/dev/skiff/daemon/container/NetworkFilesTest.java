package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.runtime.BindMount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkFilesTest {
    @Test
    void loopbackNameserversAreDroppedAndGoogleIsTheFallback() {
        assertEquals("search lan\nnameserver 10.0.0.2\n",
                NetworkFiles.resolvConf("search lan\nnameserver 127.0.0.1\nnameserver 10.0.0.2\nnameserver ::1\n"));
        assertEquals("search lan\n\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n",
                NetworkFiles.resolvConf("search lan\nnameserver 127.0.0.53\n"));
        assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", NetworkFiles.resolvConf(""));
        assertTrue(NetworkFiles.onlySystemdStub("nameserver 127.0.0.53\noptions edns0\n"));
        assertFalse(NetworkFiles.onlySystemdStub("nameserver 127.0.0.53\nnameserver 1.1.1.1\n"));
    }

    @Test
    void hostsHasDockerdsDefaults() {
        assertTrue(NetworkFiles.hosts().startsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"));
    }

    @Test
    void bindsParseHostColonContainerWithOptionalMode() {
        assertEquals(List.of(new BindMount("/tmp/apiref/hostdir", "/data", false), new BindMount("/etc", "/host-etc", true)),
                Binds.parse(List.of("/tmp/apiref/hostdir:/data", "/etc:/host-etc:ro,Z")));
        assertTrue(assertThrows(EngineException.class, () -> Binds.parse(List.of("vol:/data"))).getMessage()
                .contains("named volumes are not supported"));
        assertThrows(EngineException.class, () -> Binds.parse(List.of("/a:data")));
        assertThrows(EngineException.class, () -> Binds.parse(List.of("/a:/b:bogus")));
        assertThrows(EngineException.class, () -> Binds.parse(List.of("/a")));
    }
}
