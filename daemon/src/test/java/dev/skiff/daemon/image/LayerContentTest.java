package dev.skiff.daemon.image;

import dev.skiff.daemon.reference.Digest;
import dev.skiff.runtime.layer.LayerInfo;
import dev.skiff.runtime.layer.OverlayLayerStore;
import dev.skiff.runtime.layer.OverlayTarWriter;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A layer's tar comes back byte for byte, from its blob or, failing that, from its directory. */
class LayerContentTest {
    @TempDir
    Path data;

    private static byte[] original() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry("etc/motd");
            byte[] b = "hello\n".getBytes(StandardCharsets.UTF_8);
            e.setSize(b.length);
            e.setUserName("someone");   // a header detail a rewrite from the directory cannot know
            e.setModTime(1_700_000_000_000L);
            t.putArchiveEntry(e);
            t.write(b);
            t.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void fromTheBlobElseFromTheDirectoryWhenItHashesToTheDiffId() throws IOException {
        Path imageDir = data.resolve("image");
        ImageStore store = new ImageStore(imageDir, new BlobStore(imageDir), new OverlayLayerStore(imageDir.resolve("layers")));
        LayerContent content = new LayerContent(store, data.resolve("scratch"));

        byte[] tar = original();
        Digest diffId = Digest.sha256(tar);
        LayerInfo layer = store.layers().register(null, diffId.toString(), new ByteArrayInputStream(tar));
        assertThrows(IOException.class, () -> content.extractTar(diffId, layer.chainId()),
                "no blob, and the directory writes a different tar");

        store.blobs().put(diffId, tar);
        store.layerBlobs().record(diffId, new LayerBlobs.Source(diffId, "application/vnd.docker.image.rootfs.diff.tar", ""));
        Path fromBlob = content.extractTar(diffId, layer.chainId());
        assertArrayEquals(tar, Files.readAllBytes(fromBlob));

        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        new OverlayTarWriter(layer.diffDir()).write(rewritten);
        byte[] canonical = rewritten.toByteArray();
        LayerInfo second = new OverlayLayerStore(imageDir.resolve("layers"))
                .register(null, Digest.sha256(canonical).toString(), new ByteArrayInputStream(canonical));
        Path fromDir = content.extractTar(Digest.sha256(canonical), second.chainId());
        assertArrayEquals(canonical, Files.readAllBytes(fromDir), "a tar the writer made is made again from the directory");
    }
}
