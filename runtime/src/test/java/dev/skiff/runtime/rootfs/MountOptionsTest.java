package dev.skiff.runtime.rootfs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MountOptionsTest {
    @Test
    void overlayListsLowerDirsTopmostFirst() {
        assertEquals("lowerdir=/l/top:/l/base,upperdir=/c/upper,workdir=/c/work",
                MountOptions.overlay(List.of(Path.of("/l/top"), Path.of("/l/base")), Path.of("/c/upper"),
                        Path.of("/c/work")));
    }

    @Test
    void overlayLowerDirsMayBeGivenAsFdLinks() {
        assertEquals("lowerdir=/proc/self/fd/7:/proc/self/fd/8,upperdir=/c/upper,workdir=/c/work",
                MountOptions.overlay(List.of("/proc/self/fd/7", "/proc/self/fd/8"), Path.of("/c/upper"),
                        Path.of("/c/work")));
    }

    @Test
    void overlayRejectsPathsItCannotExpress() {
        assertThrows(IllegalArgumentException.class, () -> MountOptions.overlay(List.of(Path.of("/a,b")),
                Path.of("/u"), Path.of("/w")));
        assertThrows(IllegalArgumentException.class, () -> MountOptions.overlay(List.of(Path.of("/a:b")),
                Path.of("/u"), Path.of("/w")));
        assertThrows(IllegalArgumentException.class, () -> MountOptions.overlay(List.of(Path.of("rel")),
                Path.of("/u"), Path.of("/w")));
    }

    @Test
    void devptsIsAPrivateInstanceWithAWorldUsablePtmx() {
        assertEquals("newinstance,ptmxmode=0666,mode=0620,gid=5", MountOptions.DEVPTS);
        assertEquals("mode=1777,size=65536k", MountOptions.SHM_TMPFS);
    }
}
