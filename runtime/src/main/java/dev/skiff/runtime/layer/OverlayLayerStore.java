package dev.skiff.runtime.layer;

import dev.skiff.runtime.files.FileTrees;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Extracted image layers, one directory per chain id: {@code <root>/<chain-hex>/diff} holds the
 * layer in overlay format, {@code <root>/<chain-hex>/layer.properties} its metadata. A layer is
 * built in {@code <root>/.tmp-*} and renamed into place only once extracted, verified and
 * described, so a crash never leaves a half layer under a chain id; leftovers are removed when
 * the store opens. Layers shared by several images exist once.
 */
public final class OverlayLayerStore implements AutoCloseable {
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String METADATA = "layer.properties";
    private static final String DIFF = "diff";

    private final Path root;
    private final ConcurrentHashMap<String, Object> registering = new ConcurrentHashMap<>();
    private final LayerFlusher flusher;

    /**
     * Opens (creating if needed) the store at {@code root} and discards incomplete layers.
     * Refuses to open when the JVM cannot name non-ASCII files (it encodes paths with the
     * locale's charset): images routinely contain such names (ca-certificates has several).
     */
    public OverlayLayerStore(Path root) throws IOException {
        this(root, LayerFlusher.QUIET);
    }

    /** @param flushQuiet how long registrations must pause before their layers are flushed */
    OverlayLayerStore(Path root, Duration flushQuiet) throws IOException {
        requireUtf8Paths(System.getProperty("sun.jnu.encoding", ""));
        this.root = root;
        this.flusher = new LayerFlusher(root, flushQuiet);
        Files.createDirectories(root);
        recover();
        for (String chainId : chainIds()) {
            if (LayerFlusher.isMarkedThisBoot(layerDir(chainId))) {
                flusher.registered(layerDir(chainId));   // skiffd stopped before it was flushed
            }
        }
    }

    static void requireUtf8Paths(String pathEncoding) throws IOException {
        if (!pathEncoding.equalsIgnoreCase("UTF-8")) {
            throw new IOException("image layers need a UTF-8 locale for file names, but the JVM encodes them as "
                    + pathEncoding + "; run skiffd with LC_ALL=C.UTF-8");
        }
    }

    /** Chain id of a layer stacked on {@code parentChainId} (null for a base layer). */
    public static String chainId(String parentChainId, String diffId) {
        if (parentChainId == null) {
            return diffId;
        }
        return "sha256:" + sha256Hex((parentChainId + " " + diffId).getBytes(StandardCharsets.US_ASCII));
    }

    /** Chain ids for a rootfs given bottom-most first, in the same order. */
    public static List<String> chainIds(List<String> diffIds) {
        List<String> out = new ArrayList<>(diffIds.size());
        String parent = null;
        for (String diffId : diffIds) {
            parent = chainId(parent, diffId);
            out.add(parent);
        }
        return out;
    }

    public boolean exists(String chainId) {
        return Files.isRegularFile(layerDir(chainId).resolve(METADATA));
    }

    public Optional<LayerInfo> get(String chainId) throws IOException {
        Path meta = layerDir(chainId).resolve(METADATA);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String parent = p.getProperty("parent");
        return Optional.of(new LayerInfo(chainId, p.getProperty("diff-id"),
                parent == null || parent.isEmpty() ? null : parent,
                Long.parseLong(p.getProperty("size")), layerDir(chainId).resolve(DIFF)));
    }

    /**
     * Extracts {@code uncompressedTar} as the layer {@code expectedDiffId} on top of
     * {@code parentChainId}, unless that chain is already present. The stream is read to its end
     * so that the diff id covers every byte. Throws {@link DiffIdMismatchException} if the content
     * is not what the image configuration promised, {@link UnsafeLayerException} for hostile
     * members; in both cases nothing is left behind.
     */
    public LayerInfo register(String parentChainId, String expectedDiffId, InputStream uncompressedTar)
            throws IOException {
        if (parentChainId != null && !exists(parentChainId)) {
            throw new NoSuchFileException("parent layer " + parentChainId + " is not in the store");
        }
        String chainId = chainId(parentChainId, expectedDiffId);
        Object lock = registering.computeIfAbsent(chainId, k -> new Object());
        synchronized (lock) {
            try {
                Optional<LayerInfo> present = get(chainId);
                if (present.isPresent()) {
                    return present.get();
                }
                return extract(chainId, parentChainId, expectedDiffId, uncompressedTar, c -> { });
            } finally {
                registering.remove(chainId, lock);
            }
        }
    }

    /**
     * Registers a layer whose diff id is not known beforehand (a commit): the id is computed while the
     * tar is extracted, and names the layer once extraction is complete. An identical layer already in
     * the store is kept and the new copy dropped. {@code claim} receives the chain id as soon as it is
     * known, before the layer can be seen under it: the caller's moment to protect it from removal.
     */
    public LayerInfo registerComputed(String parentChainId, InputStream uncompressedTar, Consumer<String> claim)
            throws IOException {
        if (parentChainId != null && !exists(parentChainId)) {
            throw new NoSuchFileException("parent layer " + parentChainId + " is not in the store");
        }
        return extract(null, parentChainId, null, uncompressedTar, claim);
    }

    /**
     * Extracts into a temp dir and renames it to the layer's chain id. With {@code expectedDiffId}
     * null, the computed diff id is taken as it is and names the layer ({@code chainId} is then null).
     */
    private LayerInfo extract(String chainId, String parentChainId, String expectedDiffId, InputStream tar,
                              Consumer<String> claim) throws IOException {
        Path temp = Files.createTempDirectory(root, TEMP_PREFIX);
        try {
            LayerFlusher.mark(temp);
            Path diff = temp.resolve(DIFF);
            Files.createDirectory(diff);
            MessageDigest sha = sha256();
            DigestInputStream hashing = new DigestInputStream(tar, sha);
            new OverlayTarApplier(diff).apply(new TarReader(hashing));
            hashing.transferTo(OutputStream.nullOutputStream());  // trailing zero blocks belong to the diff id
            String diffId = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (expectedDiffId == null) {
                chainId = chainId(parentChainId, diffId);
                claim.accept(chainId);
                Optional<LayerInfo> present = get(chainId);
                if (present.isPresent()) {
                    return present.get();
                }
            } else if (!diffId.equals(expectedDiffId)) {
                throw new DiffIdMismatchException(expectedDiffId, diffId);
            }
            long size = diskUsage(diff);
            writeMetadata(temp.resolve(METADATA), diffId, parentChainId, size);
            Path target = layerDir(chainId);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another store instance on the same root registered it first: keep that one.
                return get(chainId).orElseThrow(() -> e);
            }
            LayerFlusher.syncDirectory(root);
            flusher.registered(target);
            return new LayerInfo(chainId, diffId, parentChainId, size, target.resolve(DIFF));
        } finally {
            if (Files.exists(temp)) {
                FileTrees.delete(temp);
            }
        }
    }

    /**
     * Removes a registered layer. The directory is first renamed to a temp name (so a crash
     * mid-delete leaves a leftover that the next open removes, never a half layer under its
     * chain id), then deleted. The caller ensures nothing stacks on it or mounts it any more.
     */
    public void remove(String chainId) throws IOException {
        Path dir = layerDir(chainId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path doomed = root.resolve(TEMP_PREFIX + "removed-" + hex(chainId));
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        LayerFlusher.syncDirectory(root);
        FileTrees.delete(doomed);
    }

    /** The diff directory of a registered layer. */
    public Path diffDir(String chainId) {
        return layerDir(chainId).resolve(DIFF);
    }

    /** The chain id whose diff directory {@code dir} is, if it is one of this store's. */
    public Optional<String> chainIdOf(Path dir) {
        Path layer = dir.getParent();
        if (layer == null || !root.equals(layer.getParent()) || !dir.getFileName().toString().equals(DIFF)) {
            return Optional.empty();
        }
        String name = layer.getFileName().toString();
        return name.matches("[0-9a-f]{64}") ? Optional.of("sha256:" + name) : Optional.empty();
    }

    /**
     * Registered layers whose files may not all be on disk: registered shortly before a power cut or a
     * kernel crash. Their content cannot be trusted; the caller extracts them again or removes them.
     */
    public List<String> possiblyDamaged() throws IOException {
        List<String> out = new ArrayList<>();
        for (String chainId : chainIds()) {
            if (LayerFlusher.isMarkedEarlier(layerDir(chainId))) {
                out.add(chainId);
            }
        }
        return out;
    }

    /** Writes every registered layer to disk now (the background flush does it soon anyway). */
    public void flush() throws IOException {
        flusher.flushNow();
    }

    /** Flushes the layers registered so far and stops flushing. */
    @Override
    public void close() {
        flusher.close();
    }

    /** Every registered layer's chain id. */
    public List<String> chainIds() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!name.startsWith(TEMP_PREFIX) && Files.isRegularFile(d.resolve(METADATA))) {
                    out.add("sha256:" + name);
                }
            }
        }
        return out;
    }

    /**
     * overlayfs lowerdirs for an image whose layers are {@code chainIds} (bottom-most first, as
     * in the image config): their diff directories, topmost first.
     */
    public List<Path> lowerDirs(List<String> chainIds) throws IOException {
        List<Path> out = new ArrayList<>(chainIds.size());
        for (int i = chainIds.size() - 1; i >= 0; i--) {
            String id = chainIds.get(i);
            if (!exists(id)) {
                throw new NoSuchFileException("layer " + id + " is not in the store");
            }
            out.add(diffDir(id));
        }
        return out;
    }

    private Path layerDir(String chainId) {
        return root.resolve(hex(chainId));
    }

    /** Removes temp dirs and any layer directory whose metadata was never completed. */
    private void recover() throws IOException {
        List<Path> broken = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) || !Files.isRegularFile(d.resolve(METADATA))) {
                    broken.add(d);
                }
            }
        }
        for (Path d : broken) {
            FileTrees.delete(d);
        }
    }

    /**
     * dockerd's layer size (overlay2 DiffSize): apparent sizes of everything but directories,
     * symlinks by their target length, hard-linked inodes once.
     */
    static long diskUsage(Path dir) throws IOException {
        Set<Object> inodes = new HashSet<>();
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                if (a.size() > 0 && inodes.add(a.fileKey())) {
                    total[0] += a.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    private static void writeMetadata(Path file, String diffId, String parent, long size) throws IOException {
        String text = "diff-id=" + diffId + "\n"
                + "parent=" + (parent == null ? "" : parent) + "\n"
                + "size=" + size + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static String hex(String digest) {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }
}
