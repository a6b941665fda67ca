package dev.skiff.runtime.layer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A registered layer is on disk, not only in the page cache: the store lives on an ext4 filesystem
 * in a loop-mounted image file, and the image file (what the loop device has written, so what would
 * survive a power loss) must hold the layer's content and metadata as soon as register returns.
 * Without a flush the new blocks stay dirty in the mounted filesystem for the 30 s writeback delay.
 */
class LayerDurabilityTest {
    @TempDir
    Path tmp;
    Path image;
    Path mountPoint;
    boolean mounted;

    @BeforeEach
    void mountScratchFilesystem() throws Exception {
        image = tmp.resolve("disk.img");
        mountPoint = Files.createDirectory(tmp.resolve("mnt"));
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        assumeTrue(run("mkfs.ext4", "-q", "-F", image.toString()) == 0, "mkfs.ext4 not available");
        assumeTrue(run("mount", "-o", "loop", image.toString(), mountPoint.toString()) == 0, "loop mounts not available");
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", mountPoint.toString());
        }
    }

    @Test
    void registeredLayerIsOnTheDeviceBeforeRegisterReturns() throws Exception {
        String marker = "layer-content-" + UUID.randomUUID();
        byte[] tar = new TestTars().file("data/blob", 0644, marker.repeat(100)).build();
        OverlayLayerStore store = new OverlayLayerStore(mountPoint.resolve("layers"));

        LayerInfo layer = store.register(null, TestTars.diffId(tar), new ByteArrayInputStream(tar));

        assertEquals(marker.repeat(100), Files.readString(layer.diffDir().resolve("data/blob")));
        byte[] device = Files.readAllBytes(image);
        assertTrue(contains(device, marker), "file content written to the device");
        assertTrue(contains(device, "diff-id=" + layer.diffId()), "metadata written to the device");
    }

    @Test
    void committedLayerIsOnTheDeviceBeforeRegisterReturns() throws Exception {
        String marker = "committed-content-" + UUID.randomUUID();
        byte[] tar = new TestTars().file("data/blob", 0644, marker.repeat(100)).build();
        OverlayLayerStore store = new OverlayLayerStore(mountPoint.resolve("layers"));

        LayerInfo layer = store.registerComputed(null, new ByteArrayInputStream(tar));

        assertEquals(TestTars.diffId(tar), layer.diffId());
        byte[] device = Files.readAllBytes(image);
        assertTrue(contains(device, marker), "file content written to the device");
        assertTrue(contains(device, "diff-id=" + layer.diffId()), "metadata written to the device");
    }

    @Test
    void batchLayersAreOnTheDeviceOnceTheBatchIsComplete() throws Exception {
        String marker = "batch-content-" + UUID.randomUUID();
        byte[] base = new TestTars().file("data/base", 0644, "base").build();
        byte[] top = new TestTars().file("data/blob", 0644, marker.repeat(100)).build();
        OverlayLayerStore store = new OverlayLayerStore(mountPoint.resolve("layers"));

        LayerInfo layer;
        try (OverlayLayerStore.Batch batch = store.batch()) {
            LayerInfo b = batch.register(null, TestTars.diffId(base), new ByteArrayInputStream(base));
            layer = batch.register(b.chainId(), TestTars.diffId(top), new ByteArrayInputStream(top));
            batch.complete();
        }

        byte[] device = Files.readAllBytes(image);
        assertTrue(contains(device, marker), "file content written to the device");
        assertTrue(contains(device, "diff-id=" + layer.diffId()), "metadata written to the device");
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int run(String... argv) throws IOException, InterruptedException {
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
