package dev.skiff.daemon.pull;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.events.Event;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.image.BlobStore;
import dev.skiff.daemon.image.DigestMismatchException;
import dev.skiff.daemon.image.Image;
import dev.skiff.daemon.image.ImageConfig;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.image.LayerBlobs;
import dev.skiff.daemon.image.LayerLease;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.registry.Descriptor;
import dev.skiff.daemon.registry.ManifestDocument;
import dev.skiff.daemon.registry.MediaTypes;
import dev.skiff.daemon.registry.Platform;
import dev.skiff.daemon.registry.PlatformMatcher;
import dev.skiff.daemon.registry.RegistryClient;
import dev.skiff.daemon.registry.RegistryCredentials;
import dev.skiff.daemon.registry.RegistryException;
import dev.skiff.runtime.layer.DiffIdMismatchException;
import dev.skiff.runtime.layer.OverlayLayerStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code docker pull}: resolve the manifest (choosing this host's platform from an index), fetch
 * the config, download missing layers (three at a time across the daemon, like dockerd's
 * max-concurrent-downloads) into the blob store, extract them in order into the layer store,
 * record the image and its tag and repo digest. Progress goes out in dockerd's message sequence.
 * Failures are {@link EngineException}s with dockerd's texts; the caller decides whether they
 * still become a status code or must travel inside an already started stream.
 */
public final class PullService implements AutoCloseable {
    private static final int MAX_CONCURRENT_DOWNLOADS = 3;
    private static final long MAX_CONFIG_BYTES = 16L * 1024 * 1024;
    private static final int MAX_DOWNLOAD_ATTEMPTS = 5;
    private static final Set<String> NOT_RETRIED =
            Set.of("UNAUTHORIZED", "UNSUPPORTED", "DENIED", "TOOMANYREQUESTS", "NAME_UNKNOWN", "BLOB_UNKNOWN");

    private final ImageStore images;
    private final BlobStore blobs;
    private final OverlayLayerStore layers;
    private final RegistryClient registry;
    private final EventBus events;
    private final Semaphore downloadSlots = new Semaphore(MAX_CONCURRENT_DOWNLOADS, true);
    private final ExecutorService downloaders;
    private final Duration retryTick;

    public PullService(ImageStore images, BlobStore blobs, OverlayLayerStore layers, RegistryClient registry,
                       EventBus events) {
        this(images, blobs, layers, registry, events, Duration.ofSeconds(1));
    }

    /** @param retryTick one second of the retry countdown (shorter in tests) */
    PullService(ImageStore images, BlobStore blobs, OverlayLayerStore layers, RegistryClient registry,
                EventBus events, Duration retryTick) {
        this.retryTick = retryTick;
        this.images = images;
        this.blobs = blobs;
        this.layers = layers;
        this.registry = registry;
        this.events = events;
        AtomicInteger n = new AtomicInteger();
        this.downloaders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "layer-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * What {@code POST /images/create?fromImage=&tag=} asks for: the tag parameter may also be a
     * digest. A bare repository name (no tag anywhere) means every tag, as with dockerd.
     */
    public static Reference requestedReference(String fromImage, String tag) {
        String image = fromImage.endsWith(":") ? fromImage.substring(0, fromImage.length() - 1) : fromImage;
        Reference ref = Reference.parseNormalized(image);
        if (tag != null && !tag.isEmpty()) {
            ref = Digest.isDigest(tag) ? ref.trimmed().withDigest(Digest.parse(tag)) : ref.withTag(tag);
        }
        return ref;
    }

    /** Pulls {@code ref} (every tag of it when it names only a repository) for {@code platform}. */
    public void pull(Reference ref, RegistryCredentials credentials, Platform platform, PullProgress progress)
            throws IOException {
        PullProgress out = serialized(progress);
        RegistryClient.Repository repo = registry.repository(ref, credentials);
        boolean updated = false;
        if (ref.isNameOnly()) {
            for (String tag : registryCall(repo::tags, ref)) {
                updated |= pullOne(repo, ref.withTag(tag), platform, out);
            }
        } else {
            updated = pullOne(repo, ref, platform, out);
        }
        out.send(ProgressMessage.message("Status: " + (updated ? "Downloaded newer image for " : "Image is up to date for ")
                + ref.familiarString()));
        events.publish(Event.now("image", "pull", ref.familiarString(), Map.of("name", ref.familiarName())));
    }

    /** One tag or digest; returns whether the reference now points at a different image. */
    private boolean pullOne(RegistryClient.Repository repo, Reference ref, Platform platform, PullProgress out)
            throws IOException {
        String fetchBy = ref.digest() != null ? ref.digest().toString() : ref.tag();
        ManifestDocument top = registryCall(() -> repo.resolve(fetchBy), ref);

        out.send(ProgressMessage.message(ref.tag() != null ? ref.tag() : ref.toString(), "Pulling from " + ref.path()));
        ManifestDocument.ImageManifest manifest = platformManifest(repo, top, platform, ref);
        Image image = images.get(manifest.config().digest()).orElse(null);
        if (image == null) {
            image = download(repo, manifest, ref, out);
        }
        storeManifest(top);
        storeManifest(manifest);
        out.send(ProgressMessage.message("Digest: " + top.digest()));
        return recordReferences(ref, top.digest(), image.id());
    }

    private ManifestDocument.ImageManifest platformManifest(RegistryClient.Repository repo, ManifestDocument doc,
                                                            Platform platform, Reference ref) {
        if (doc instanceof ManifestDocument.ImageIndex index) {
            Descriptor entry = new PlatformMatcher(platform).select(index.manifests())
                    .orElseThrow(() -> EngineException.notFound("no matching manifest for " + Platform.normalize(platform)
                            + " in the manifest list entries"));
            doc = registryCall(() -> repo.manifest(entry.digest()), ref);
        }
        if (!(doc instanceof ManifestDocument.ImageManifest manifest)) {
            throw EngineException.system("unsupported manifest format: an index inside an index");
        }
        String configType = manifest.config().mediaType();
        if (!configType.isEmpty() && !MediaTypes.IMAGE_CONFIGS.contains(configType)) {
            throw EngineException.invalidParameter("Encountered remote \"" + configType + "\"(unknown) when fetching");
        }
        return manifest;
    }

    private Image download(RegistryClient.Repository repo, ManifestDocument.ImageManifest manifest, Reference ref,
                           PullProgress out) throws IOException {
        byte[] configJson;
        try {
            configJson = repo.smallBlob(manifest.config().digest(), MAX_CONFIG_BYTES);
        } catch (RegistryException e) {
            throw EngineException.system("error pulling image configuration: " + PullErrors.translate(e, ref).getMessage(), e);
        }
        ImageConfig config = parseConfig(configJson);
        if (!config.os().isEmpty() && !config.os().equals("linux")) {
            throw EngineException.system("image operating system \"" + config.os() + "\" cannot be used on this platform");
        }
        List<Descriptor> layerBlobs = manifest.layers();
        if (config.diffIds().size() != layerBlobs.size()) {
            throw EngineException.system(PullErrors.ROOTFS_MISMATCH);
        }
        List<String> chainIds = OverlayLayerStore.chainIds(config.diffIds());
        try (LayerLease lease = images.leaseLayers()) {
            lease.hold(chainIds);   // before counting what is present: an rmi elsewhere must not take those
            return downloadLayers(repo, layerBlobs, config, chainIds, configJson, ref, out);
        }
    }

    private Image downloadLayers(RegistryClient.Repository repo, List<Descriptor> layerBlobs, ImageConfig config,
                                 List<String> chainIds, byte[] configJson, Reference ref, PullProgress out)
            throws IOException {
        int present = 0;
        while (present < chainIds.size() && layers.exists(chainIds.get(present))) {
            present++;
        }
        for (int i = 0; i < layerBlobs.size(); i++) {
            out.send(ProgressMessage.update(layerBlobs.get(i).digest().shortHex(),
                    i < present ? "Already exists" : "Pulling fs layer"));
        }
        Map<Digest, Future<?>> downloads = new HashMap<>();
        try {
            for (int i = present; i < layerBlobs.size(); i++) {
                Descriptor d = layerBlobs.get(i);
                downloads.computeIfAbsent(d.digest(), k -> downloaders.submit(() -> {
                    downloadLayer(repo, d, ref, out);
                    return null;
                }));
            }
            for (int i = present; i < layerBlobs.size(); i++) {
                Descriptor d = layerBlobs.get(i);
                await(downloads.get(d.digest()));
                if (extractLayer(d, i == 0 ? null : chainIds.get(i - 1), config.diffIds().get(i), out)) {
                    images.layerBlobs().record(Digest.parse(config.diffIds().get(i)),
                            new LayerBlobs.Source(d.digest(), d.mediaType(), ref.name()));
                }
            }
        } finally {
            downloads.values().forEach(f -> f.cancel(true));
        }
        try {
            return images.put(configJson, null);
        } catch (IOException e) {
            throw EngineException.system("failed to register image: " + e.getMessage(), e);
        }
    }

    /**
     * Downloads one layer blob into the blob store, retrying transient failures as dockerd does:
     * five attempts, a countdown of 5, 10, 15... seconds between them.
     */
    private void downloadLayer(RegistryClient.Repository repo, Descriptor d, Reference ref, PullProgress out)
            throws IOException, InterruptedException {
        String id = d.digest().shortHex();
        if (blobs.exists(d.digest())) {   // verified by an earlier, interrupted pull
            out.send(ProgressMessage.update(id, "Download complete"));
            return;
        }
        if (!downloadSlots.tryAcquire()) {
            out.send(ProgressMessage.update(id, "Waiting"));
            downloadSlots.acquire();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    fetchLayer(repo, d, ref, out);
                    break;
                } catch (TransientDownloadFailure e) {
                    if (attempt == MAX_DOWNLOAD_ATTEMPTS) {
                        throw EngineException.system(e.getMessage(), e);
                    }
                    for (int delay = attempt * 5; delay > 0; delay--) {
                        out.send(ProgressMessage.update(id, "Retrying in " + delay + " second" + (delay == 1 ? "" : "s")));
                        Thread.sleep(retryTick.toMillis());
                    }
                }
            }
        } finally {
            downloadSlots.release();
        }
        out.send(ProgressMessage.update(id, "Download complete"));
    }

    private void fetchLayer(RegistryClient.Repository repo, Descriptor d, Reference ref, PullProgress out)
            throws IOException, TransientDownloadFailure {
        String id = d.digest().shortHex();
        try (RegistryClient.Blob blob = repo.blob(d.digest())) {
            long total = d.size() > 0 ? d.size() : blob.length();
            InputStream in = new ProgressReader(blob.body(), total,
                    (current, max) -> out.send(ProgressMessage.progress(id, "Downloading", current, max)));
            blobs.write(d.digest(), in);
        } catch (RegistryException e) {
            if (!isTransient(e)) {
                throw PullErrors.translate(e, ref);
            }
            throw new TransientDownloadFailure(e.getMessage(), e);
        } catch (DigestMismatchException e) {
            throw EngineException.system("filesystem layer verification failed for digest " + d.digest(), e);
        } catch (ClientGoneException e) {
            throw e;
        } catch (IOException e) {   // the connection broke mid-blob
            throw new TransientDownloadFailure("failed to download layer " + d.digest() + ": " + e.getMessage(), e);
        }
    }

    /** dockerd's retryOnError: network trouble is retried; refusals, unknown blobs and bad responses are not. */
    private static boolean isTransient(RegistryException e) {
        return switch (e.kind()) {
            case NETWORK -> true;
            case REGISTRY_ERROR -> !NOT_RETRIED.contains(e.firstCode());
            case UNEXPECTED_RESPONSE, INVALID_CONTENT -> false;
        };
    }

    /** A layer download failure worth another attempt. */
    private static final class TransientDownloadFailure extends Exception {
        TransientDownloadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Extracts a downloaded layer blob. Returns whether the blob itself was checked against the diff id:
     * when another pull stored the same layer meanwhile, the store keeps that one without reading this
     * blob, and an unchecked blob must not become a source of the layer (push would send it as such).
     */
    private boolean extractLayer(Descriptor d, String parentChainId, String diffId, PullProgress out)
            throws IOException {
        String id = d.digest().shortHex();
        Path blob = blobs.path(d.digest());
        try (InputStream raw = Files.newInputStream(blob);
             InputStream counted = new ProgressReader(raw, Files.size(blob),
                     (current, total) -> out.send(ProgressMessage.progress(id, "Extracting", current, total)));
             InputStream tar = LayerStreams.uncompressed(counted)) {
            layers.register(parentChainId, diffId, tar);
            boolean checked = tar.read() < 0;   // the store read it to the end, hashing it
            counted.transferTo(OutputStream.nullOutputStream());   // bytes after the gzip stream: reach EOF, report it
            out.send(ProgressMessage.update(id, "Pull complete"));
            return checked;
        } catch (DiffIdMismatchException e) {
            throw EngineException.system(PullErrors.ROOTFS_MISMATCH, e);
        } catch (ClientGoneException e) {
            throw e;
        } catch (IOException e) {   // hostile tar (UnsafeLayerException), corrupt data, disk
            throw EngineException.system("failed to register layer: " + e.getMessage(), e);
        }
    }

    /** dockerd's tag update rule: returns whether the requested reference now points somewhere new. */
    private boolean recordReferences(Reference ref, Digest manifestDigest, Digest imageId) {
        try {
            Digest before = images.referenced(ref).orElse(null);
            Reference repoDigest = ref.trimmed().withDigest(manifestDigest);
            if (imageId.equals(before)) {
                if (ref.digest() == null && images.referenced(repoDigest).isEmpty()) {
                    images.addReference(repoDigest, imageId);
                }
                return false;
            }
            if (ref.digest() != null) {
                images.addReference(ref, imageId);
            } else {
                if (images.referenced(repoDigest).isEmpty()) {
                    images.addReference(repoDigest, imageId);
                }
                images.addReference(ref, imageId);
            }
            return true;
        } catch (IOException e) {
            throw EngineException.system("failed to record image reference: " + e.getMessage(), e);
        }
    }

    private void storeManifest(ManifestDocument doc) {
        try {
            if (!blobs.exists(doc.digest())) {
                blobs.put(doc.digest(), doc.raw());
            }
        } catch (IOException e) {
            throw EngineException.system("failed to store manifest " + doc.digest() + ": " + e.getMessage(), e);
        }
    }

    private static ImageConfig parseConfig(byte[] json) {
        try {
            return ImageConfig.parse(json);
        } catch (IOException e) {
            throw EngineException.system(e.getMessage(), e);
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof EngineException ee) {
                throw ee;
            }
            if (c instanceof ClientGoneException cg) {
                throw cg;
            }
            throw EngineException.system(String.valueOf(c.getMessage()), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.system("pull interrupted");
        } catch (CancellationException e) {
            throw EngineException.system("pull cancelled");
        }
    }

    private interface RegistryCall<T> {
        T call() throws RegistryException;
    }

    private static <T> T registryCall(RegistryCall<T> call, Reference ref) {
        try {
            return call.call();
        } catch (RegistryException e) {
            throw PullErrors.translate(e, ref);
        }
    }

    /** One writer at a time (downloads report from their own threads); a failed write stops the pull. */
    private static PullProgress serialized(PullProgress target) {
        return message -> {
            synchronized (target) {
                try {
                    target.send(message);
                } catch (ClientGoneException e) {
                    throw e;
                } catch (IOException e) {
                    throw new ClientGoneException(e);
                }
            }
        };
    }

    /** Stops download threads (daemon shutdown). */
    @Override
    public void close() {
        downloaders.shutdownNow();
    }
}
