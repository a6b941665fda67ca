package dev.skiff.daemon.push;

import dev.skiff.runtime.files.Streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.events.Event;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.image.Image;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.image.LayerBlobs;
import dev.skiff.daemon.image.LayerContent;
import dev.skiff.daemon.image.ScratchDir;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.pull.ProgressMessage;
import dev.skiff.daemon.pull.ProgressReader;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.registry.MediaTypes;
import dev.skiff.daemon.registry.RegistryClient;
import dev.skiff.daemon.registry.RegistryCredentials;
import dev.skiff.daemon.registry.RegistryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * {@code docker push} to a Registry API v2 registry as a Docker schema 2 manifest. Each layer goes
 * as a gzip blob: the one a pull kept, else one compressed from the layer's original tar (kept in
 * the blob store for next time). A blob the repository has is skipped, one another repository of
 * the same registry has is mounted, anything else uploaded monolithically; the config follows,
 * then the manifest. Progress and the final digest line are dockerd's.
 */
public final class PushService {
    private static final String GZIP_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private final ImageStore store;
    private final RegistryClient registry;
    private final LayerContent content;
    private final EventBus events;
    private final Path scratch;

    public PushService(ImageStore store, RegistryClient registry, LayerContent content, EventBus events, Path scratch)
            throws IOException {
        this.store = store;
        this.registry = registry;
        this.content = content;
        this.events = events;
        this.scratch = ScratchDir.prepare(scratch);
    }

    /** Pushes {@code ref}'s tag, or every local tag of the repository when it has none. */
    public void push(Reference ref, RegistryCredentials credentials, PushProgress out) throws IOException {
        out.send(ProgressMessage.message("The push refers to repository [" + ref.name() + "]"));
        List<Reference> tags = new ArrayList<>();
        if (ref.tag() != null) {
            store.referenced(ref).ifPresent(id -> tags.add(ref));
        } else {
            for (Image i : store.images()) {
                for (Reference r : store.references(i.id())) {
                    if (r.tag() != null && r.digest() == null && r.name().equals(ref.name())) {
                        tags.add(r);
                    }
                }
            }
            tags.sort(java.util.Comparator.comparing(Reference::tag));
        }
        if (tags.isEmpty()) {
            throw EngineException.notFound("An image does not exist locally with the tag: " + ref.familiarName());
        }
        RegistryClient.Upload upload = registry.upload(ref, credentials);
        try {
            for (Reference tag : tags) {
                Image image = store.referenced(tag).flatMap(store::get)
                        .orElseThrow(() -> EngineException.notFound("No such image: " + tag.familiarString()));
                pushTag(upload, tag, image, out);
            }
        } catch (RegistryException e) {
            throw EngineException.system(e.getMessage(), e);
        }
        events.publish(Event.now("image", "push", ref.familiarString(), Map.of("name", ref.familiarName())));
    }

    private void pushTag(RegistryClient.Upload upload, Reference tag, Image image, PushProgress out)
            throws IOException, RegistryException {
        List<String> diffIds = image.config().diffIds();
        for (int i = diffIds.size() - 1; i >= 0; i--) {
            out.send(ProgressMessage.update(Digest.parse(diffIds.get(i)).shortHex(), "Preparing"));
        }
        ArrayNode layers = Json.MAPPER.createArrayNode();
        for (int i = diffIds.size() - 1; i >= 0; i--) {
            LayerBlobs.Source blob = pushLayer(upload, tag, Digest.parse(diffIds.get(i)), image.chainIds().get(i), out);
            layers.insertObject(0).put("mediaType", GZIP_LAYER).put("size", Files.size(store.blobs().path(blob.blob())))
                    .put("digest", blob.blob().toString());
        }
        byte[] config = store.blobs().read(image.id());
        if (!upload.hasBlob(image.id())) {
            upload.put(image.id(), config.length, () -> new java.io.ByteArrayInputStream(config));
        }
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
        manifest.putObject("config").put("mediaType", MediaTypes.DOCKER_CONFIG).put("size", config.length).put("digest", image.id().toString());
        manifest.set("layers", layers);
        byte[] body = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        Digest digest = upload.putManifest(tag.tag(), MediaTypes.DOCKER_MANIFEST, body);
        out.send(ProgressMessage.message(tag.tag() + ": digest: " + digest + " size: " + body.length));
        Map<String, Object> aux = new LinkedHashMap<>();
        aux.put("Tag", tag.tag());
        aux.put("Digest", digest.toString());
        aux.put("Size", body.length);
        out.send(new AuxMessage(Map.of(), aux));
    }

    /** dockerd's closing message carrying the pushed digest for API clients. */
    record AuxMessage(Map<String, Object> progressDetail, Map<String, Object> aux) {
    }

    private LayerBlobs.Source pushLayer(RegistryClient.Upload upload, Reference target, Digest diffId, String chainId,
                                        PushProgress out)
            throws IOException, RegistryException {
        String id = diffId.shortHex();
        List<LayerBlobs.Source> gzipped = new ArrayList<>();
        for (LayerBlobs.Source s : store.layerBlobs().sources(diffId)) {
            if (store.blobs().exists(s.blob()) && isGzip(store.blobs().path(s.blob()))) {
                gzipped.add(s);
            }
        }
        for (LayerBlobs.Source s : gzipped) {
            if (upload.hasBlob(s.blob())) {
                out.send(ProgressMessage.update(id, "Layer already exists"));
                return remember(diffId, s, target);
            }
        }
        for (LayerBlobs.Source s : gzipped) {
            if (!s.repository().isEmpty() && !s.repository().equals(target.name()) && sameRegistry(s.repository(), target)) {
                Reference from = Reference.parseNormalized(s.repository());
                if (upload.mount(s.blob(), from.path())) {
                    out.send(ProgressMessage.update(id, "Mounted from " + from.path()));
                    return remember(diffId, s, target);
                }
            }
        }
        LayerBlobs.Source blob = gzipped.isEmpty() ? compress(diffId, chainId) : gzipped.get(0);
        Path file = store.blobs().path(blob.blob());
        long size = Files.size(file);
        upload.put(blob.blob(), size, () -> {
            try {
                return new ProgressReader(Files.newInputStream(file), size,
                        (current, total) -> out.send(ProgressMessage.progress(id, "Pushing", current, total)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        out.send(ProgressMessage.update(id, "Pushed"));
        return remember(diffId, blob, target);
    }

    private LayerBlobs.Source remember(Digest diffId, LayerBlobs.Source blob, Reference target) throws IOException {
        LayerBlobs.Source pushed = new LayerBlobs.Source(blob.blob(), GZIP_LAYER, target.name());
        store.layerBlobs().record(diffId, pushed);
        return pushed;
    }

    private static boolean sameRegistry(String repository, Reference target) {
        return Reference.parseNormalized(repository).domain().equals(target.domain());
    }

    /** A gzip blob of the layer's tar (see {@link LayerContent}), stored (verified) in the blob store. */
    private LayerBlobs.Source compress(Digest diffId, String chainId) throws IOException {
        Path tar = content.extractTar(diffId, chainId);
        Path gz = Files.createTempFile(scratch, diffId.shortHex() + "-", ".tar.gz");
        try {
            MessageDigest sha = sha256();
            try (InputStream in = Files.newInputStream(tar);
                 OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(gz), sha), 64 * 1024)) {
                Streams.copy(in, out);
            }
            Digest digest = new Digest("sha256", HexFormat.of().formatHex(sha.digest()));
            try (InputStream in = Files.newInputStream(gz)) {
                store.blobs().write(digest, in);
            }
            LayerBlobs.Source source = new LayerBlobs.Source(digest, GZIP_LAYER, "");
            store.layerBlobs().record(diffId, source);
            return source;
        } finally {
            Files.deleteIfExists(tar);
            Files.deleteIfExists(gz);
        }
    }

    private static boolean isGzip(Path blob) throws IOException {
        try (InputStream in = Files.newInputStream(blob)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
