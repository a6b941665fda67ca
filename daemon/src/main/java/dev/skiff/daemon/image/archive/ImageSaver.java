package dev.skiff.daemon.image.archive;

import dev.skiff.runtime.files.Streams;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.image.Image;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.image.LayerContent;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code docker save}: the named images as dockerd 20.10's legacy archive (see {@link SavedImage}),
 * entries in the lexical order dockerd's directory walk gives them. Layer tars are rebuilt from
 * their stored blobs one at a time through a scratch file and streamed out.
 */
public final class ImageSaver {
    private final ImageStore store;
    private final LayerContent content;

    public ImageSaver(ImageStore store, LayerContent content) {
        this.store = store;
        this.content = content;
    }

    /**
     * Resolves every name before anything is written (an unknown one is a 404): a bare repository
     * name selects all its tags, a tag that tag, an id the image without tags.
     */
    public List<SavedImage> plan(List<String> names) throws IOException {
        Map<Digest, List<String>> tagsById = new LinkedHashMap<>();
        for (String name : names) {
            for (Selected sel : select(name)) {
                List<String> tags = tagsById.computeIfAbsent(sel.id(), k -> new ArrayList<>());
                if (sel.tag() != null && !tags.contains(sel.tag())) {
                    tags.add(sel.tag());
                }
            }
        }
        List<SavedImage> out = new ArrayList<>();
        for (Map.Entry<Digest, List<String>> e : tagsById.entrySet()) {
            Image image = store.get(e.getKey()).orElseThrow(() -> EngineException.notFound("No such image: " + e.getKey()));
            out.add(SavedImage.of(image.id(), store.blobs().read(image.id()), image.chainIds(), e.getValue()));
        }
        return out;
    }

    /** An image chosen by a name, and the tag that chose it (null for an id). */
    private record Selected(Digest id, String tag) {
    }

    private List<Selected> select(String name) {
        Image image;
        try {
            if (!Digest.isDigest(name) && !name.matches("[a-f0-9]{64}")) {
                Reference ref = Reference.parseNormalized(name);
                if (ref.isNameOnly()) {
                    List<Selected> tagged = new ArrayList<>();
                    for (Image i : store.images()) {
                        for (Reference r : store.references(i.id())) {
                            if (r.tag() != null && r.digest() == null && r.name().equals(ref.name())) {
                                tagged.add(new Selected(i.id(), r.familiarString()));
                            }
                        }
                    }
                    if (!tagged.isEmpty()) {
                        return tagged;
                    }
                } else if (ref.tag() != null && ref.digest() == null) {
                    Digest id = store.referenced(ref).orElse(null);
                    if (id != null) {
                        return List.of(new Selected(id, ref.familiarString()));
                    }
                }
            }
            image = store.resolve(name);
        } catch (EngineException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw EngineException.notFound("No such image: " + name);
            }
            throw e;
        }
        return List.of(new Selected(image.id(), null));
    }

    /** Writes the archive of {@code images}; the caller closes {@code out}. */
    public void write(List<SavedImage> images, OutputStream out) throws IOException {
        Map<String, Object> entries = new TreeMap<>();   // top-level name -> layer or bytes
        for (SavedImage i : images) {
            for (SavedImage.Layer l : i.layers()) {
                entries.putIfAbsent(l.v1Id(), l);
            }
            entries.put(i.configPath(), i.config());
        }
        entries.put("manifest.json", SavedImage.manifestJson(images));
        byte[] repositories = SavedImage.repositoriesJson(images);
        if (repositories != null) {
            entries.put("repositories", repositories);
        }
        long mtime = images.isEmpty() ? 0 : createdMillis(images.get(0));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 32 * 1024);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (e.getValue() instanceof SavedImage.Layer layer) {
                writeLayer(tar, layer, mtime);
            } else {
                file(tar, e.getKey(), (byte[]) e.getValue(), mtime);
            }
        }
        tar.finish();
        tar.flush();
    }

    private void writeLayer(TarArchiveOutputStream tar, SavedImage.Layer layer, long mtime) throws IOException {
        TarArchiveEntry dir = entry(layer.v1Id() + "/", TarArchiveEntry.DEFAULT_DIR_MODE, mtime);
        tar.putArchiveEntry(dir);
        tar.closeArchiveEntry();
        file(tar, layer.v1Id() + "/VERSION", "1.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), mtime);
        file(tar, layer.v1Id() + "/json", layer.json(), mtime);
        Path layerTar = content.extractTar(Digest.parse(layer.diffId()), layer.chainId());
        try (InputStream in = Files.newInputStream(layerTar)) {
            TarArchiveEntry e = entry(layer.tarPath(), 0100644, mtime);
            e.setSize(Files.size(layerTar));
            tar.putArchiveEntry(e);
            Streams.copy(in, tar);
            tar.closeArchiveEntry();
        } finally {
            Files.deleteIfExists(layerTar);
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] data, long mtime) throws IOException {
        TarArchiveEntry e = entry(name, 0100644, mtime);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, int mode, long mtime) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(mtime);
        return e;
    }

    private static long createdMillis(SavedImage image) throws IOException {
        String created = dev.skiff.daemon.json.Json.MAPPER.readTree(image.config()).path("created").asText("");
        return Math.max(0, dev.skiff.daemon.image.ImageConfig.unixSeconds(created)) * 1000;
    }
}
