package dev.skiff.runtime.process;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CapabilitiesTest {
    @Test
    void dockerDefaultSetIsTheCapEffOfADockerContainer() {
        // CapEff of a root process in `docker run busybox`
        assertEquals(0xa80425fbL, Capabilities.mask(Capabilities.DOCKER_DEFAULT));
        assertEquals("a80425fb", Capabilities.hex(Capabilities.mask(Capabilities.DOCKER_DEFAULT)));
    }

    @Test
    void withoutDeviceControlThereIsNoMknod() {
        assertEquals(0xa80425fbL, Capabilities.containerDefault(true));
        assertEquals(0xa00425fbL, Capabilities.containerDefault(false));
    }

    @Test
    void highCapabilitiesUseTheUpperWord() {
        assertEquals(1L << 40, Capabilities.mask(List.of(40)));
        assertThrows(IllegalArgumentException.class, () -> Capabilities.mask(List.of(64)));
    }
}
