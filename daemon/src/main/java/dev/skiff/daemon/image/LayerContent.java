package dev.skiff.daemon.image;

import dev.skiff.daemon.pull.LayerStreams;
import dev.skiff.daemon.reference.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A layer's original, uncompressed tar (the bytes its diff id hashes), rebuilt from a blob that
 * holds it: decompressed into a scratch file, verified against the diff id, so callers that need
 * the size first (tar writers) never hold a layer in memory.
 */
public final class LayerContent {
    private final BlobStore blobs;
    private final LayerBlobs layerBlobs;
    private final Path scratch;

    public LayerContent(ImageStore store, Path scratch) throws IOException {
        this.blobs = store.blobs();
        this.layerBlobs = store.layerBlobs();
        this.scratch = scratch;
        Files.createDirectories(scratch);
    }

    /** Writes the layer's tar to a new scratch file and returns it; the caller deletes it. */
    public Path extractTar(Digest diffId) throws IOException {
        for (LayerBlobs.Source s : layerBlobs.sources(diffId)) {
            if (!blobs.exists(s.blob())) {
                continue;
            }
            Path out = Files.createTempFile(scratch, diffId.hex().substring(0, 12) + "-", ".tar");
            try {
                MessageDigest sha = diffId.newHasher();
                try (InputStream in = LayerStreams.uncompressed(Files.newInputStream(blobs.path(s.blob())));
                     OutputStream o = new DigestOutputStream(Files.newOutputStream(out), sha)) {
                    in.transferTo(o);
                }
                if (HexFormat.of().formatHex(sha.digest()).equals(diffId.hex())) {
                    return out;
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(out);
                throw e;
            }
            Files.deleteIfExists(out);
        }
        throw new IOException("no stored content for layer " + diffId);
    }
}
