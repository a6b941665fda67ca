package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkModeTest {
    @Test
    void theModesDockerdKnowsWithoutNetworks() {
        for (String own : new String[] {"default", "bridge"}) {
            assertEquals(NetworkMode.OWN, NetworkMode.of(own));
            assertTrue(NetworkMode.of(own).publishes());
        }
        NetworkMode none = NetworkMode.of("none");
        assertTrue(none.own());
        assertFalse(none.publishes(), "dockerd publishes nothing on none");
        assertEquals(new NetworkMode(true, null, false), NetworkMode.of("host"));
        assertFalse(NetworkMode.of("host").publishes());
        assertEquals(new NetworkMode(false, "web", false), NetworkMode.of("container:web"));
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
