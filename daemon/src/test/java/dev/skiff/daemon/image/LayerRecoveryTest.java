package dev.skiff.daemon.image;

import dev.skiff.daemon.reference.Digest;
import dev.skiff.runtime.layer.OverlayLayerStore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers that a power cut may have damaged, extracted again at start from real blobs on disk. */
class LayerRecoveryTest {
    @TempDir
    Path data;
    ImageStore store;
    OverlayLayerStore layers;
    byte[] base;
    byte[] top;
    String baseChain;
    String topChain;

    @BeforeEach
    void setUp() throws IOException {
        Path imageDir = data.resolve("image");
        layers = new OverlayLayerStore(imageDir.resolve("layers"));
        store = new ImageStore(imageDir, new BlobStore(imageDir), layers);
        base = tar("etc/os-release", "NAME=base\n");
        top = tar("app", "the application\n");
        baseChain = register(null, base);
        topChain = register(baseChain, top);
        store.put(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + Digest.sha256(base) + "\",\"" + Digest.sha256(top) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8), null);
        layers.flush();
    }

    /** A layer as a load registers it: extracted, its tar kept as a blob. */
    private String register(String parentChain, byte[] tar) throws IOException {
        Digest diffId = Digest.sha256(tar);
        String chain = layers.register(parentChain, diffId.toString(), new ByteArrayInputStream(tar)).chainId();
        store.blobs().write(diffId, new ByteArrayInputStream(tar));
        store.layerBlobs().record(diffId, new LayerBlobs.Source(diffId, "application/vnd.docker.image.rootfs.diff.tar", ""));
        return chain;
    }

    /** What a power cut right after the registration can leave: the marker of that boot, a file without its data. */
    private void damage(String chainId, String file) throws IOException {
        Path diff = layers.diffDir(chainId);
        Files.writeString(diff.getParent().resolve("unflushed"), "the boot before the power cut");
        Files.write(diff.resolve(file), new byte[0]);
    }

    @Test
    void aDamagedOrMissingLayerIsExtractedAgainFromItsBlob() throws IOException {
        damage(topChain, "app");
        layers.remove(baseChain);
        assertEquals(List.of(topChain), layers.possiblyDamaged());

        assertEquals(2, new LayerRecovery(store).rebuildDamagedLayers());
        assertEquals("NAME=base\n", Files.readString(layers.diffDir(baseChain).resolve("etc/os-release")));
        assertEquals("the application\n", Files.readString(layers.diffDir(topChain).resolve("app")));
        assertEquals(List.of(), layers.possiblyDamaged(), "flushed once extracted again");
        assertEquals(0, new LayerRecovery(store).rebuildDamagedLayers(), "nothing left to do");
    }

    @Test
    void aLayerNoBlobHoldsStaysAsItIs() throws IOException {
        damage(topChain, "app");
        for (LayerBlobs.Source s : store.layerBlobs().forget(Digest.sha256(top))) {
            store.blobs().delete(s.blob());
        }
        assertEquals(0, new LayerRecovery(store).rebuildDamagedLayers());
        assertTrue(layers.exists(topChain));
        assertEquals(List.of(topChain), layers.possiblyDamaged(), "still suspect, and reported at every start");
    }

    private static byte[] tar(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(b.length);
            t.putArchiveEntry(e);
            t.write(b);
            t.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
