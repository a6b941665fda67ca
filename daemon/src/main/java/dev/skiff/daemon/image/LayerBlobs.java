package dev.skiff.daemon.image;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.store.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which blobs hold a layer's content, by diff id: the compressed blob a pull downloaded (with the
 * repository it came from, for push's cross-repository mounts), or the uncompressed tar a load or
 * import kept. Save reproduces a layer's exact bytes from them, push uploads them. One file per
 * diff id under {@code image/layerblobs/}, replaced atomically.
 */
public final class LayerBlobs {
    /** A blob with a layer's content; {@code repository} is the full repository name it came from, or "". */
    public record Source(Digest blob, String mediaType, String repository) {
    }

    private final Path dir;

    public LayerBlobs(Path imageDir) throws IOException {
        this.dir = imageDir.resolve("layerblobs");
        Files.createDirectories(dir);
    }

    public synchronized List<Source> sources(Digest diffId) throws IOException {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file(diffId)), new TypeReference<List<Source>>() { });
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Remembers {@code source} for the layer (once per blob and repository). */
    public synchronized void record(Digest diffId, Source source) throws IOException {
        List<Source> all = new ArrayList<>(sources(diffId));
        if (all.contains(source)) {
            return;
        }
        all.add(source);
        AtomicFiles.write(file(diffId), Json.MAPPER.writeValueAsBytes(all));
    }

    /** Forgets a layer whose image is gone; returns the blobs it named. */
    public synchronized List<Source> forget(Digest diffId) throws IOException {
        List<Source> all = sources(diffId);
        Files.deleteIfExists(file(diffId));
        return all;
    }

    private Path file(Digest diffId) {
        return dir.resolve(diffId.hex() + ".json");
    }
}
