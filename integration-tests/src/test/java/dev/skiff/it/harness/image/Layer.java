package dev.skiff.it.harness.image;

import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A finished layer: its tar (whose digest is the diff ID in the image config) and the blob the
 * registry stores (gzip-compressed or the tar itself).
 */
public final class Layer {
    private final List<TarEntry> entries;
    private final byte[] tar;
    private final byte[] blob;
    private final boolean gzipped;

    private Layer(List<TarEntry> entries, byte[] tar, byte[] blob, boolean gzipped) {
        this.entries = entries;
        this.tar = tar;
        this.blob = blob;
        this.gzipped = gzipped;
    }

    public static Layer gzipped(LayerTar tar) {
        byte[] bytes = tar.toTar();
        return new Layer(tar.entries(), bytes, gzip(bytes), true);
    }

    public static Layer uncompressed(LayerTar tar) {
        byte[] bytes = tar.toTar();
        return new Layer(tar.entries(), bytes, bytes, false);
    }

    public List<TarEntry> entries() {
        return entries;
    }

    public byte[] tar() {
        return tar.clone();
    }

    public boolean isGzipped() {
        return gzipped;
    }

    /** The digest of the uncompressed tar, as listed in the config's rootfs.diff_ids. */
    public String diffId() {
        return Digests.sha256(tar);
    }

    public Blob blob(ManifestFormat format) {
        return new Blob(format.layerMediaType(gzipped), blob);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipParameters params = new GzipParameters();
        params.setModificationTime(0); // reproducible blob digests
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out, params)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
