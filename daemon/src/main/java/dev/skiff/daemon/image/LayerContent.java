package dev.skiff.daemon.image;

import dev.skiff.daemon.pull.LayerStreams;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.runtime.layer.OverlayLayerStore;
import dev.skiff.runtime.layer.OverlayTarWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A layer's original, uncompressed tar (the bytes its diff id hashes), rebuilt into a scratch file
 * (callers that need the size first, tar writers, never hold a layer in memory) from a blob that
 * holds it, or else written afresh from the extracted layer: either is accepted only when it
 * hashes to the diff id.
 */
public final class LayerContent {
    private final BlobStore blobs;
    private final LayerBlobs layerBlobs;
    private final OverlayLayerStore layers;
    private final Path scratch;

    public LayerContent(ImageStore store, Path scratch) throws IOException {
        this.blobs = store.blobs();
        this.layerBlobs = store.layerBlobs();
        this.layers = store.layers();
        this.scratch = ScratchDir.prepare(scratch);
    }

    /** Writes the tar of layer {@code chainId} (content {@code diffId}) to a new scratch file; the caller deletes it. */
    public Path extractTar(Digest diffId, String chainId) throws IOException {
        for (LayerBlobs.Source s : layerBlobs.sources(diffId)) {
            if (blobs.exists(s.blob())) {
                Path tar = verified(diffId, out -> {
                    try (InputStream in = LayerStreams.uncompressed(Files.newInputStream(blobs.path(s.blob())))) {
                        in.transferTo(out);
                    }
                });
                if (tar != null) {
                    return tar;
                }
            }
        }
        Path tar = verified(diffId, out -> new OverlayTarWriter(layers.diffDir(chainId)).write(out));
        if (tar == null) {
            throw new IOException("no stored content for layer " + diffId + ", and the layer directory no longer hashes to it");
        }
        return tar;
    }

    private interface TarSource {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The written scratch file if its sha256 is {@code diffId}, else null (and no file). */
    private Path verified(Digest diffId, TarSource source) throws IOException {
        Path out = Files.createTempFile(scratch, diffId.hex().substring(0, 12) + "-", ".tar");
        boolean keep = false;
        try {
            MessageDigest sha = diffId.newHasher();
            try (OutputStream o = new DigestOutputStream(Files.newOutputStream(out), sha)) {
                source.writeTo(o);
            }
            keep = HexFormat.of().formatHex(sha.digest()).equals(diffId.hex());
            return keep ? out : null;
        } finally {
            if (!keep) {
                Files.deleteIfExists(out);
            }
        }
    }
}
