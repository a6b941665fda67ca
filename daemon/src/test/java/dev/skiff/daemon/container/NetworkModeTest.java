package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NetworkModeTest {
    @Test
    void theModesDockerdKnowsWithoutNetworks() {
        for (String own : new String[] {"default", "bridge", "none"}) {
            assertEquals(NetworkMode.OWN, NetworkMode.of(own));
        }
        assertEquals(new NetworkMode(true, null), NetworkMode.of("host"));
        assertEquals(new NetworkMode(false, "web"), NetworkMode.of("container:web"));
    }

    @Test
    void anyOtherNetworkDoesNotExist() {
        EngineException e = assertThrows(EngineException.class, () -> NetworkMode.of("mynet"));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("network mynet not found", e.getMessage());
        assertEquals("no container specified to join network",
                assertThrows(EngineException.class, () -> NetworkMode.of("container:")).getMessage());
    }
}
