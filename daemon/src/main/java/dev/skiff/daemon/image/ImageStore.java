package dev.skiff.daemon.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.registry.Descriptor;
import dev.skiff.daemon.registry.ManifestDocument;
import dev.skiff.daemon.registry.ManifestParser;
import dev.skiff.daemon.store.AtomicFiles;
import dev.skiff.runtime.layer.LayerInfo;
import dev.skiff.runtime.layer.OverlayLayerStore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Images and the names that point at them. An image is its config blob (the image id is that
 * blob's sha256) plus {@code image/images/<hex>.json} (parent, last tag time), written only after
 * the config and every layer are in place: that file is the commit point. Tags and repo digests
 * live in {@code image/repositories.json} (dockerd's format), replaced atomically on every change.
 * Opening the store after a crash drops temp files and references to images that never completed.
 */
public final class ImageStore {
    private static final System.Logger LOG = System.getLogger("skiffd.images");
    private static final Pattern FULL_HEX = Pattern.compile("[a-f0-9]{64}");

    private final Path metadataDir;
    private final Path repositoriesFile;
    private final BlobStore blobs;
    private final OverlayLayerStore layers;
    private final LayerBlobs layerBlobs;
    private final Map<Digest, Image> images = new HashMap<>();
    private final Map<Reference, Digest> references = new HashMap<>();
    /** Chain ids that operations in progress have registered or found, with how many hold each. */
    private final Map<String, Integer> held = new HashMap<>();
    private volatile LayerUsers layerUsers = Set::of;

    /** Opens the store under {@code <dataRoot>/image}, with its blobs and layers. */
    public ImageStore(Path imageDir, BlobStore blobs, OverlayLayerStore layers) throws IOException {
        this.metadataDir = imageDir.resolve("images");
        this.repositoriesFile = imageDir.resolve("repositories.json");
        this.blobs = blobs;
        this.layers = layers;
        this.layerBlobs = new LayerBlobs(imageDir);
        Files.createDirectories(metadataDir);
        removeTempFiles(imageDir);
        removeTempFiles(metadataDir);
        loadImages();
        loadReferences();
    }

    /** Which blobs hold each layer's original bytes. */
    public LayerBlobs layerBlobs() {
        return layerBlobs;
    }

    public OverlayLayerStore layers() {
        return layers;
    }

    public BlobStore blobs() {
        return blobs;
    }

    // ---- images ----

    /**
     * Records an image whose layers are all registered, storing its config blob. Returns the
     * existing image if it is already there.
     */
    public synchronized Image put(byte[] configJson, Digest parent) throws IOException {
        Digest id = Digest.sha256(configJson);
        Image existing = images.get(id);
        if (existing != null) {
            return existing;
        }
        ImageConfig config = ImageConfig.parse(configJson);
        if (!blobs.exists(id)) {
            blobs.put(id, configJson);
        }
        Image image = assemble(id, config, parent, null);
        writeMetadata(image);
        images.put(id, image);
        return image;
    }

    public synchronized boolean exists(Digest id) {
        return images.containsKey(id);
    }

    public synchronized Optional<Image> get(Digest id) {
        return Optional.ofNullable(images.get(id));
    }

    public synchronized List<Image> images() {
        return List.copyOf(images.values());
    }

    /** Images whose parent is {@code id}. */
    public synchronized List<Image> children(Digest id) {
        return images.values().stream().filter(i -> id.equals(i.parent())).toList();
    }

    /**
     * Deletes an image that no reference points at any more: its metadata (the commit point)
     * first, then its config blob, then every layer of its chain that nothing else uses (see
     * {@link #collect}). Returns the removed layers, topmost first, as dockerd reports them.
     */
    public List<LayerInfo> delete(Digest id) throws IOException {
        Set<Path> containerLayers = layerUsers.lowerDirsInUse();
        synchronized (this) {
            Image image = images.get(id);
            if (image == null) {
                throw new NoSuchFileException("image " + id + " is not in the store");
            }
            if (references.containsValue(id)) {
                throw new IllegalStateException("image " + id + " is still referenced");
            }
            Files.deleteIfExists(metadataDir.resolve(id.hex() + ".json"));
            AtomicFiles.syncDirectory(metadataDir);   // the deletion is the commit point: make it durable
            images.remove(id);
            blobs.delete(id);
            List<String> topmostFirst = new ArrayList<>(image.chainIds());
            Collections.reverse(topmostFirst);
            return collect(topmostFirst, containerLayers);
        }
    }

    // ---- layers no longer used ----

    /** The containers' layer directories: a container keeps its image's layers after the image is gone. */
    public interface LayerUsers {
        Set<Path> lowerDirsInUse();
    }

    /** Tells the store which layers containers use; until then, none. */
    public void setLayerUsers(LayerUsers users) {
        this.layerUsers = users;
    }

    /** A lease for an operation that registers layers before it stores its image (pull, load, import, commit). */
    public LayerLease leaseLayers() {
        return new LayerLease(this);
    }

    synchronized void hold(String chainId) {
        held.merge(chainId, 1, Integer::sum);
    }

    /** Ends holds taken by {@link #hold}, and removes those of the layers that nothing uses now. */
    List<LayerInfo> release(List<String> chainIds) throws IOException {
        synchronized (this) {
            for (String c : chainIds) {
                held.computeIfPresent(c, (k, n) -> n == 1 ? null : n - 1);
            }
        }
        return collectUnnamed(chainIds);
    }

    /** After containers were removed: their layers that nothing else uses go. */
    public List<LayerInfo> collectLayers(Collection<Path> lowerDirs) throws IOException {
        List<String> candidates = new ArrayList<>();
        for (Path d : lowerDirs) {
            layers.chainIdOf(d).ifPresent(candidates::add);
        }
        return collectUnnamed(candidates);
    }

    /**
     * Collects those of {@code candidates} that nothing uses. The containers are asked which layers they
     * stack on only when some candidate is in no image and no lease, which a finished pull or the
     * removal of a container whose image is still there never leaves.
     */
    private List<LayerInfo> collectUnnamed(List<String> candidates) throws IOException {
        synchronized (this) {
            if (namedLayers().containsAll(candidates)) {
                return List.of();
            }
        }
        Set<Path> containerLayers = layerUsers.lowerDirsInUse();
        synchronized (this) {
            return collect(candidates, containerLayers);
        }
    }

    /** The layers an image's chain includes or a lease holds. */
    private Set<String> namedLayers() {
        Set<String> named = new HashSet<>(held.keySet());
        images.values().forEach(i -> named.addAll(i.chainIds()));
        return named;
    }

    /**
     * Every layer that nothing uses: left by an operation that failed or by a crash. Only while no
     * operation can hold a layer it has registered but not yet given an image (at start).
     */
    public List<LayerInfo> collectUnusedLayers() throws IOException {
        Set<Path> containerLayers = layerUsers.lowerDirsInUse();
        synchronized (this) {
            return collect(layers.chainIds(), containerLayers);
        }
    }

    /**
     * Removes the layers among {@code candidates} that no image's chain includes, no container
     * stacks on and no lease holds, with the blobs that held the content of those no image uses.
     */
    private List<LayerInfo> collect(List<String> candidates, Set<Path> containerLayers) throws IOException {
        Set<String> inUse = namedLayers();
        Set<String> diffIdsInUse = new HashSet<>();
        images.values().forEach(i -> diffIdsInUse.addAll(i.config().diffIds()));
        List<LayerInfo> removed = new ArrayList<>();
        for (String chainId : candidates) {
            if (inUse.contains(chainId) || containerLayers.contains(layers.diffDir(chainId))) {
                continue;
            }
            Optional<LayerInfo> layer = layers.get(chainId);
            if (layer.isPresent()) {
                layers.remove(chainId);
                removed.add(layer.get());
            }
        }
        for (LayerInfo layer : removed) {
            if (!diffIdsInUse.contains(layer.diffId())) {
                for (LayerBlobs.Source source : layerBlobs.forget(Digest.parse(layer.diffId()))) {
                    blobs.delete(source.blob());
                }
            }
        }
        return removed;
    }

    /** Bytes of the layer {@code chainId} alone (0 if it is gone), for history and prune. */
    public long layerSize(String chainId) throws IOException {
        return layers.get(chainId).map(LayerInfo::size).orElse(0L);
    }

    /** overlayfs lowerdirs of the image, topmost layer first. */
    public List<Path> lowerDirs(Image image) throws IOException {
        return layers.lowerDirs(image.chainIds());
    }

    // ---- references ----

    /**
     * Points {@code ref} (name:tag or name@digest) at image {@code id}, as a pull does; returns
     * the image it pointed at before, or null.
     */
    public synchronized Digest addReference(Reference ref, Digest id) throws IOException {
        return setReference(ref, id, false);
    }

    /** As {@link #addReference}, and stamps the image's LastTagTime, as {@code docker tag} does. */
    public synchronized Digest tag(Reference ref, Digest id) throws IOException {
        return setReference(ref, id, true);
    }

    private Digest setReference(Reference ref, Digest id, boolean stampTagTime) throws IOException {
        if (ref.isNameOnly()) {
            throw new IllegalArgumentException("reference needs a tag or digest: " + ref);
        }
        Image image = images.get(id);
        if (image == null) {
            throw new NoSuchFileException("image " + id + " is not in the store");
        }
        Reference key = storageKey(ref);
        Digest previous = references.put(key, id);
        if (!id.equals(previous)) {
            writeReferences();
        }
        if (stampTagTime) {
            Image stamped = new Image(image.id(), image.config(), image.chainIds(), image.size(), image.parent(), Instant.now());
            writeMetadata(stamped);
            images.put(id, stamped);
        }
        return previous;
    }

    /**
     * Drops a tag or digest reference (a bare name means :latest); returns whether it existed.
     * The last reference to a manifest digest takes the stored manifest (and, for an index, the
     * platform manifests it lists) along.
     */
    public synchronized boolean removeReference(Reference ref) throws IOException {
        Reference key = storageKey(ref.withDefaultTag());
        if (references.remove(key) == null) {
            return false;
        }
        writeReferences();
        if (key.digest() != null && references.keySet().stream().noneMatch(r -> key.digest().equals(r.digest()))) {
            deleteManifest(key.digest());
        }
        return true;
    }

    private void deleteManifest(Digest digest) throws IOException {
        if (!blobs.exists(digest)) {
            return;
        }
        try {
            if (ManifestParser.parse(null, blobs.read(digest)) instanceof ManifestDocument.ImageIndex index) {
                for (Descriptor d : index.manifests()) {
                    if (references.keySet().stream().noneMatch(r -> d.digest().equals(r.digest()))) {
                        blobs.delete(d.digest());
                    }
                }
            }
        } catch (IOException notAManifest) {
            LOG.log(System.Logger.Level.WARNING, "stored manifest " + digest + " is unreadable: " + notAManifest.getMessage());
        }
        blobs.delete(digest);
    }

    /** The image a tag or digest reference points at (a bare name means :latest). */
    public synchronized Optional<Digest> referenced(Reference ref) {
        return Optional.ofNullable(references.get(storageKey(ref.withDefaultTag())));
    }

    /** Every reference to {@code id}, ordered by full name as dockerd lists them. */
    public synchronized List<Reference> references(Digest id) {
        return references.entrySet().stream()
                .filter(e -> e.getValue().equals(id))
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparing(Reference::toString))
                .toList();
    }

    /** A reference with tag and digest is stored (and looked up) by its digest, as in dockerd. */
    private static Reference storageKey(Reference ref) {
        return ref.digest() != null && ref.tag() != null ? new Reference(ref.domain(), ref.path(), null, ref.digest()) : ref;
    }

    // ---- lookup ----

    /**
     * dockerd's image lookup: full id (with or without "sha256:"), tag or digest reference
     * (familiar or full), then a unique id prefix. Unknown or ambiguous gives 404
     * "No such image: busybox:latest"; a malformed name gives 400.
     */
    public Image resolve(String refOrId) {
        return find(refOrId).orElseThrow(() -> EngineException.notFound(notFoundMessage(refOrId)));
    }

    public synchronized Optional<Image> find(String refOrId) {
        if (FULL_HEX.matcher(refOrId).matches()) {
            return Optional.ofNullable(images.get(new Digest("sha256", refOrId)));
        }
        if (Digest.isDigest(refOrId)) {
            return Optional.ofNullable(images.get(Digest.parse(refOrId)));
        }
        Reference ref = Reference.parseNormalized(refOrId);
        Digest byRef = references.get(storageKey(ref.withDefaultTag()));
        if (byRef != null && images.containsKey(byRef)) {
            return Optional.of(images.get(byRef));
        }
        return searchPrefix(refOrId);
    }

    /** The "No such image" text dockerd derives from what the client asked for. */
    public static String notFoundMessage(String refOrId) {
        if (FULL_HEX.matcher(refOrId).matches()) {
            return "No such image: sha256:" + refOrId;
        }
        if (Digest.isDigest(refOrId)) {
            return "No such image: " + refOrId;
        }
        return "No such image: " + Reference.parseNormalized(refOrId).withDefaultTag().familiarString();
    }

    private Optional<Image> searchPrefix(String term) {
        String hex = term.startsWith("sha256:") ? term.substring(7) : term;
        if (hex.isEmpty() || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return Optional.empty();
        }
        Image found = null;
        for (Image i : images.values()) {
            if (i.id().hex().startsWith(hex)) {
                if (found != null) {
                    return Optional.empty();   // ambiguous: dockerd reports "No such image"
                }
                found = i;
            }
        }
        return Optional.ofNullable(found);
    }

    // ---- persistence ----

    private Image assemble(Digest id, ImageConfig config, Digest parent, Instant lastTagTime) throws IOException {
        List<String> chainIds = OverlayLayerStore.chainIds(config.diffIds());
        long size = 0;
        for (String chainId : chainIds) {
            LayerInfo layer = layers.get(chainId)
                    .orElseThrow(() -> new NoSuchFileException("layer " + chainId + " of image " + id + " is missing"));
            size += layer.size();
        }
        return new Image(id, config, chainIds, size, parent, lastTagTime);
    }

    private void writeMetadata(Image image) throws IOException {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("parent", image.parent() == null ? null : image.parent().toString());
        n.put("lastTagTime", image.lastTagTime() == null ? null : image.lastTagTime().toString());
        AtomicFiles.write(metadataDir.resolve(image.id().hex() + ".json"), Json.MAPPER.writeValueAsBytes(n));
    }

    private void loadImages() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(metadataDir, "*.json")) {
            for (Path f : files) {
                String hex = f.getFileName().toString().replace(".json", "");
                if (!FULL_HEX.matcher(hex).matches()) {
                    continue;
                }
                Digest id = new Digest("sha256", hex);
                try {
                    JsonNode meta = Json.MAPPER.readTree(Files.readAllBytes(f));
                    String parent = meta.path("parent").asText(null);
                    String tagTime = meta.path("lastTagTime").asText(null);
                    ImageConfig config = ImageConfig.parse(blobs.read(id));
                    images.put(id, assemble(id, config,
                            parent == null ? null : Digest.parse(parent),
                            tagTime == null ? null : Instant.parse(tagTime)));
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "ignoring incomplete image " + id + ": " + e.getMessage());
                }
            }
        }
    }

    private void loadReferences() throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(repositoriesFile));
        } catch (NoSuchFileException e) {
            return;
        }
        boolean dropped = false;
        for (JsonNode repo : root.path("Repositories")) {
            var entries = repo.fields();
            while (entries.hasNext()) {
                var e = entries.next();
                try {
                    Reference ref = Reference.parseNormalized(e.getKey());
                    Digest id = Digest.parse(e.getValue().asText());
                    if (images.containsKey(id)) {
                        references.put(storageKey(ref), id);
                        continue;
                    }
                } catch (EngineException malformed) {
                    // fall through: dropped below
                }
                LOG.log(System.Logger.Level.WARNING, "dropping reference " + e.getKey() + " to a missing image");
                dropped = true;
            }
        }
        if (dropped) {
            writeReferences();
        }
    }

    /** {"Repositories": {"busybox": {"busybox:latest": "sha256:...", "busybox@sha256:...": "sha256:..."}}} */
    private void writeReferences() throws IOException {
        Map<String, Map<String, String>> repos = new TreeMap<>();
        for (Map.Entry<Reference, Digest> e : references.entrySet()) {
            repos.computeIfAbsent(e.getKey().familiarName(), k -> new TreeMap<>())
                    .put(e.getKey().familiarString(), e.getValue().toString());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Repositories", repos);
        AtomicFiles.write(repositoriesFile, Json.MAPPER.writeValueAsBytes(doc));
    }

    private static void removeTempFiles(Path dir) throws IOException {
        List<Path> temps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            files.forEach(temps::add);
        }
        for (Path p : temps) {
            Files.deleteIfExists(p);
        }
    }
}
