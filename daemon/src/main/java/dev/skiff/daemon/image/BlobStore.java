package dev.skiff.daemon.image;

import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.store.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Content-addressed blobs under {@code image/blobs/sha256/<hex>} (manifests, configs, compressed
 * layers). Content is streamed to {@code image/tmp/} while being hashed, fsync'd, and renamed into
 * place only when it matches its digest, so a blob path never holds unverified or partial data.
 */
public final class BlobStore {
    private static final int BUFFER = 128 * 1024;

    private final Path blobs;
    private final Path tmp;

    public BlobStore(Path imageDir) throws IOException {
        this.blobs = imageDir.resolve("blobs");
        this.tmp = imageDir.resolve("tmp");
        Files.createDirectories(blobs.resolve("sha256"));
        Files.createDirectories(tmp);
        removeLeftovers();
    }

    public Path path(Digest d) {
        return blobs.resolve(d.algorithm()).resolve(d.hex());
    }

    public boolean exists(Digest d) {
        return Files.isRegularFile(path(d));
    }

    public byte[] read(Digest d) throws IOException {
        return Files.readAllBytes(path(d));
    }

    /** Removes a blob nothing refers to any more. */
    public void delete(Digest d) throws IOException {
        Files.deleteIfExists(path(d));
    }

    /** Stores small content already in memory, after checking it against {@code expected}. */
    public void put(Digest expected, byte[] content) throws IOException {
        write(expected, new ByteArrayInputStream(content));
    }

    /**
     * Streams {@code in} into the store as {@code expected}. On a digest mismatch nothing is
     * stored and {@link DigestMismatchException} is thrown.
     */
    public Path write(Digest expected, InputStream in) throws IOException {
        Path target = path(expected);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(tmp, expected.hex().substring(0, 12) + "-", ".part");
        try {
            MessageDigest hasher = expected.newHasher();
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(ch)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) {
                    hasher.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
                ch.force(true);
            }
            String actual = HexFormat.of().formatHex(hasher.digest());
            if (!actual.equals(expected.hex())) {
                throw new DigestMismatchException(expected, expected.algorithm() + ":" + actual);
            }
            AtomicFiles.moveDurably(temp, target);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Partial downloads of a previous run (crash, kill -9) are worthless: drop them. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp)) {
            for (Path p : parts) {
                Files.deleteIfExists(p);
            }
        }
    }
}
