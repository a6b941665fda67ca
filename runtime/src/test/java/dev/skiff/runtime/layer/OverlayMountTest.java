package dev.skiff.runtime.layer;

import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The extracted layers under the real kernel: stacked as overlayfs lowerdirs (as containers will
 * mount them), whiteouts must hide lower files and opaque directories must hide lower contents.
 */
class OverlayMountTest {
    public interface Mounts {
        int mount(String source, String target, String fstype, long flags, String data);

        int umount2(String target, int flags);
    }

    private static final Mounts LIBC = LibraryLoader.create(Mounts.class).load("c");
    private static final long MS_RDONLY = 1;

    @TempDir
    Path tmp;

    @Test
    void whiteoutsAndOpaqueDirectoriesWorkUnderOverlayfs() throws Exception {
        OverlayLayerStore store = new OverlayLayerStore(tmp.resolve("layers"));
        byte[] base = new TestTars()
                .file("etc/keep", 0644, "keep")
                .file("etc/gone", 0644, "gone")
                .file("var/cache/old", 0644, "old")
                .build();
        byte[] top = new TestTars()
                .file("etc/.wh.gone", 0644, "")
                .dir("var/cache/", 0755)
                .file("var/cache/.wh..wh..opq", 0644, "")
                .file("var/cache/new", 0644, "new")
                .build();
        LayerInfo l1 = store.register(null, TestTars.diffId(base), new ByteArrayInputStream(base));
        LayerInfo l2 = store.register(l1.chainId(), TestTars.diffId(top), new ByteArrayInputStream(top));
        List<Path> lower = store.lowerDirs(List.of(l1.chainId(), l2.chainId()));

        Path merged = Files.createDirectory(tmp.resolve("merged"));
        String options = "lowerdir=" + lower.stream().map(Path::toString).collect(Collectors.joining(":"));
        int rc = LIBC.mount("overlay", merged.toString(), "overlay", MS_RDONLY, options);
        assumeTrue(rc == 0, "overlayfs mount not available here");
        try {
            assertEquals("keep", Files.readString(merged.resolve("etc/keep")));
            assertFalse(Files.exists(merged.resolve("etc/gone"), LinkOption.NOFOLLOW_LINKS), "whiteout hides the lower file");
            try (Stream<Path> s = Files.list(merged.resolve("var/cache"))) {
                assertEquals(List.of(merged.resolve("var/cache/new")), s.toList(), "opaque dir hides lower contents");
            }
        } finally {
            LIBC.umount2(merged.toString(), 0);
        }
    }
}
