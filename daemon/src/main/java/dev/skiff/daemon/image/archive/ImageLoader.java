package dev.skiff.daemon.image.archive;

import dev.skiff.runtime.files.FileTrees;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.image.Image;
import dev.skiff.daemon.image.ImageConfig;
import dev.skiff.daemon.image.ImageEvents;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.image.LayerLease;
import dev.skiff.daemon.image.LayerBlobs;
import dev.skiff.daemon.image.ScratchDir;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.pull.ProgressMessage;
import dev.skiff.daemon.pull.ProgressReader;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.runtime.layer.DiffIdMismatchException;
import dev.skiff.runtime.layer.OverlayLayerStore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code docker load}: an archive in dockerd's save layout (manifest.json) or an OCI image layout
 * (index.json). The upload is unpacked to a scratch directory first (never held in memory), then
 * each image's layers are registered, verified against the config's diff ids, with their original
 * tars kept as blobs (save and push reproduce them), and only then the image and its tags are
 * recorded. A load that fails halfway leaves layers at most, which nothing references.
 */
public final class ImageLoader {
    /** dockerd's message for input that is not a tar archive. */
    static final String NOT_A_TAR = "Error processing tar file(exit status 1): unexpected EOF";
    private static final String TAR_MEDIA_TYPE = "application/vnd.docker.image.rootfs.diff.tar";

    /** Where the loader reports: JSON stream lines ({"stream": ...} and progress messages). */
    public interface Output {
        void send(Object message) throws IOException;
    }

    private final ImageStore store;
    private final ImageEvents events;
    private final Path scratchRoot;

    public ImageLoader(ImageStore store, ImageEvents events, Path scratchRoot) throws IOException {
        this.store = store;
        this.events = events;
        this.scratchRoot = ScratchDir.prepare(scratchRoot);
    }

    public void load(InputStream archive, boolean quiet, Output out) throws IOException {
        Path dir = Files.createTempDirectory(scratchRoot, "load-");
        try {
            Map<String, String> links = unpack(archive, dir);
            Path manifest = dir.resolve("manifest.json");
            if (Files.isRegularFile(manifest)) {
                loadDockerArchive(dir, links, Json.MAPPER.readTree(Files.readAllBytes(manifest)), quiet, out);
            } else if (Files.isRegularFile(dir.resolve("index.json"))) {
                for (Loadable image : new OciLayout(dir).images()) {
                    loadImage(image, quiet, out);
                }
            } else {
                throw EngineException.system("open " + manifest + ": no such file or directory");
            }
        } finally {
            FileTrees.delete(dir);
        }
    }

    /** One image to load: its config, its layer tars bottom first, the tags to give it. */
    record Loadable(byte[] config, List<Path> layerTars, List<String> repoTags) {
    }

    private void loadDockerArchive(Path dir, Map<String, String> links, JsonNode manifest, boolean quiet, Output out)
            throws IOException {
        if (!manifest.isArray()) {
            throw EngineException.system("invalid manifest.json in the archive");
        }
        for (JsonNode entry : manifest) {
            byte[] config = Files.readAllBytes(inside(dir, links, entry.path("Config").asText()));
            List<Path> layerTars = new ArrayList<>();
            for (JsonNode l : entry.path("Layers")) {
                layerTars.add(inside(dir, links, l.asText()));
            }
            List<String> tags = new ArrayList<>();
            entry.path("RepoTags").forEach(t -> tags.add(t.asText()));
            loadImage(new Loadable(config, layerTars, tags), quiet, out);
        }
    }

    void loadImage(Loadable l, boolean quiet, Output out) throws IOException {
        ImageConfig config = ImageConfig.parse(l.config());
        List<String> diffIds = config.diffIds();
        if (diffIds.size() != l.layerTars().size()) {
            throw EngineException.system("invalid manifest, layers length mismatch: expected " + diffIds.size()
                    + ", got " + l.layerTars().size());
        }
        List<String> chainIds = OverlayLayerStore.chainIds(diffIds);
        Image image;
        try (LayerLease lease = store.leaseLayers()) {
            lease.hold(chainIds);
            for (int i = 0; i < diffIds.size(); i++) {
                if (store.layers().exists(chainIds.get(i))) {
                    continue;
                }
                registerLayer(i == 0 ? null : chainIds.get(i - 1), Digest.parse(diffIds.get(i)), l.layerTars().get(i),
                        quiet, out);
            }
            image = store.put(l.config(), null);
        }
        events.publish("load", image, image.id().toString());
        if (l.repoTags().isEmpty()) {
            out.send(Map.of("stream", "Loaded image ID: " + image.id() + "\n"));
            return;
        }
        for (String tag : l.repoTags()) {
            Reference ref = Reference.parseNormalized(tag).withDefaultTag();
            Digest old = store.addReference(ref, image.id());
            if (old != null && !old.equals(image.id())) {
                out.send(Map.of("stream", "The image " + ref.familiarString() + " already exists, renaming the old one with ID "
                        + old + " to empty string\n"));
            }
            out.send(Map.of("stream", "Loaded image: " + ref.familiarString() + "\n"));
        }
    }

    private void registerLayer(String parentChainId, Digest diffId, Path tar, boolean quiet, Output out) throws IOException {
        String id = diffId.shortHex();
        long size = Files.size(tar);
        try (InputStream raw = Files.newInputStream(tar);
             InputStream in = quiet ? raw : new ProgressReader(raw, size,
                     (current, total) -> out.send(ProgressMessage.progress(id, "Loading layer", current, total)))) {
            store.layers().register(parentChainId, diffId.toString(), in);
        } catch (DiffIdMismatchException e) {
            throw EngineException.system("invalid diffID for layer: expected \"" + diffId + "\", got \""
                    + e.getMessage() + "\"", e);
        }
        try (InputStream in = Files.newInputStream(tar)) {
            store.blobs().write(diffId, in);
        }
        store.layerBlobs().record(diffId, new LayerBlobs.Source(diffId, TAR_MEDIA_TYPE, ""));
    }

    // ---- unpacking ----

    /**
     * Unpacks regular files and directories of the archive into {@code dir}; symlinks (dockerd
     * links repeated layers) are returned as name -> target for {@link #inside}. Names that
     * leave the directory are refused.
     */
    private static Map<String, String> unpack(InputStream archive, Path dir) throws IOException {
        Map<String, String> links = new HashMap<>();
        int entries = 0;
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(archive);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries++;
                String name = clean(e.getName());
                if (name.isEmpty()) {
                    continue;
                }
                Path target = dir.resolve(name);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    links.put(name, e.getLinkName());
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (EngineException refused) {
            throw refused;
        } catch (IOException | IllegalArgumentException malformed) {
            throw EngineException.system(NOT_A_TAR, malformed);
        }
        if (entries == 0) {
            throw EngineException.system(NOT_A_TAR);
        }
        return links;
    }

    /** A relative, normalized entry name; names escaping the archive root are refused. */
    static String clean(String name) {
        Path p = Path.of("/").resolve(name).normalize();
        String rel = p.toString().substring(1);
        if (name.startsWith("/") || Stream.of(name.split("/")).anyMatch(".."::equals)) {
            throw EngineException.system("invalid archive entry name: " + name);
        }
        return rel;
    }

    /** The file a manifest path names, following the archive's own symlinks (never out of it). */
    private static Path inside(Path dir, Map<String, String> links, String name) throws IOException {
        String current = clean(name);
        for (int hops = 0; links.containsKey(current); hops++) {
            if (hops > 16) {
                throw EngineException.system("too many links for " + name);
            }
            String target = links.get(current);
            Path parent = Path.of(current).getParent();
            current = clean(target.startsWith("/") ? target : (parent == null ? target : parent.resolve(target).toString()));
        }
        Path p = dir.resolve(current);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return p;
    }
}
