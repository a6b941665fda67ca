package dev.skiff.daemon.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.image.changes.ConfigChanges;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.registry.Platform;
import dev.skiff.daemon.time.GoTime;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code docker import}: a root filesystem tar (plain, gzip, bzip2 or xz) becomes a one-layer
 * image. The tar is spooled to a scratch file while hashed (its diff id), registered as a layer
 * (the layer store refuses hostile entries), kept as a blob (save and push reproduce it), and
 * described by a config carrying the {@code changes} and the message, as dockerd writes it.
 */
public final class ImageImporter {
    private final ImageStore store;
    private final ImageEvents events;
    private final Path scratch;
    private final Clock clock;

    public ImageImporter(ImageStore store, ImageEvents events, Path scratch, Clock clock) throws IOException {
        this.store = store;
        this.events = events;
        this.scratch = ScratchDir.prepare(scratch);
        this.clock = clock;
    }

    /**
     * Imports {@code tar} read from {@code source} ("-" or a URL, for the default message);
     * {@code repo} may carry the tag ("myimport:1"), {@code tag} overrides it. Bad changes or
     * references are refused before the body is read.
     */
    public Image importTar(InputStream tar, String source, String repo, String tag, List<String> changes, String message)
            throws IOException {
        ConfigChanges parsed = ConfigChanges.parse(changes);
        Reference ref = target(repo, tag);
        Path spool = Files.createTempFile(scratch, "import-", ".tar");
        try {
            Digest diffId = spool(tar, spool);
            Image image;
            try (LayerLease lease = store.leaseLayers()) {
                lease.hold(List.of(diffId.toString()));   // a base layer's chain id is its diff id
                try (InputStream in = Files.newInputStream(spool)) {
                    store.layers().register(null, diffId.toString(), in);
                } catch (IOException e) {   // a hostile or malformed tar
                    throw EngineException.system("failed to register layer: " + e.getMessage(), e);
                }
                try (InputStream in = Files.newInputStream(spool)) {
                    store.blobs().write(diffId, in);
                }
                store.layerBlobs().record(diffId, new LayerBlobs.Source(diffId, "application/vnd.docker.image.rootfs.diff.tar", ""));
                image = store.put(config(diffId, parsed, message == null || message.isEmpty() ? "Imported from " + source : message), null);
            }
            events.publish("import", image, image.id().toString());
            if (ref != null) {
                store.tag(ref, image.id());
                events.publish("tag", image, ref.familiarString());
            }
            return image;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static Reference target(String repo, String tag) {
        if (repo == null || repo.isEmpty()) {
            return null;
        }
        Reference ref = Reference.parseNormalized(repo);
        if (ref.digest() != null) {
            throw EngineException.invalidParameter("cannot import digest reference");
        }
        if (tag != null && !tag.isEmpty()) {
            ref = ref.withTag(tag);
        }
        return ref.withDefaultTag();
    }

    /** Decompresses (by content) into {@code file}, returning the sha256 of the tar bytes. */
    private static Digest spool(InputStream body, Path file) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(body, 64 * 1024);
        InputStream tar;
        try {
            String format = CompressorStreamFactory.detect(buffered);
            tar = new CompressorStreamFactory().createCompressorInputStream(format, buffered);
        } catch (CompressorException notCompressed) {
            tar = buffered;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            tar.transferTo(out);
        }
        return new Digest("sha256", HexFormat.of().formatHex(sha.digest()));
    }

    private byte[] config(Digest diffId, ConfigChanges changes, String message) throws IOException {
        String created = GoTime.rfc3339Nano(clock.instant());
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("architecture", Platform.host().architecture());
        c.put("comment", message);
        ObjectNode runConfig = c.putObject("config");
        changes.applyTo(runConfig);
        c.put("created", created);
        c.put("os", "linux");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId.toString());
        ArrayNode history = c.putArray("history");
        history.addObject().put("created", created).put("comment", message);
        return Json.MAPPER.writeValueAsBytes(c);
    }
}
