package dev.skiff.daemon.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.pull.LayerStreams;
import dev.skiff.daemon.reference.Digest;

import java.io.IOException;
import java.io.InputStream;
import dev.skiff.runtime.files.Streams;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.DigestInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An unpacked OCI image layout (index.json, blobs/sha256/...): each image manifest it lists (one
 * level of nested index followed), its layers decompressed next to the blobs, tagged by the
 * {@code io.containerd.image.name} annotation when present.
 */
final class OciLayout {
    private static final String NAME_ANNOTATION = "io.containerd.image.name";

    private final Path dir;

    OciLayout(Path dir) {
        this.dir = dir;
    }

    List<ImageLoader.Loadable> images() throws IOException {
        List<ImageLoader.Loadable> out = new ArrayList<>();
        for (JsonNode d : Json.MAPPER.readTree(Files.readAllBytes(dir.resolve("index.json"))).path("manifests")) {
            collect(d, out, 0);
        }
        return out;
    }

    private void collect(JsonNode descriptor, List<ImageLoader.Loadable> out, int depth) throws IOException {
        JsonNode doc = Json.MAPPER.readTree(Files.readAllBytes(blob(descriptor)));
        if (doc.has("manifests")) {
            if (depth > 0) {
                throw EngineException.system("nested image indexes are not supported");
            }
            for (JsonNode d : doc.path("manifests")) {
                collect(d, out, depth + 1);
            }
            return;
        }
        byte[] config = Files.readAllBytes(blob(doc.path("config")));
        List<Path> tars = new ArrayList<>();
        for (JsonNode layer : doc.path("layers")) {
            tars.add(uncompressed(blob(layer)));
        }
        String name = descriptor.path("annotations").path(NAME_ANNOTATION).asText("");
        out.add(new ImageLoader.Loadable(config, tars, name.isEmpty() ? List.of() : List.of(name)));
    }

    private Path blob(JsonNode descriptor) throws IOException {
        Digest d = Digest.parse(descriptor.path("digest").asText());
        Path p = dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
        if (!Files.isRegularFile(p)) {
            throw EngineException.system("open " + p + ": no such file or directory");
        }
        // the layout's file names are only claims: a descriptor must name exactly this content
        MessageDigest sha = d.newHasher();
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), sha)) {
            long size = Streams.copy(in, OutputStream.nullOutputStream());
            boolean sizeOk = !descriptor.has("size") || descriptor.path("size").asLong() == size;
            if (!sizeOk || !HexFormat.of().formatHex(sha.digest()).equals(d.hex())) {
                throw EngineException.system("blob " + d + " of the OCI layout does not match its descriptor");
            }
        }
        return p;
    }

    private static Path uncompressed(Path blob) throws IOException {
        Path tar = blob.resolveSibling(blob.getFileName() + ".tar");
        try (InputStream in = LayerStreams.uncompressed(Files.newInputStream(blob))) {
            Files.copy(in, tar, StandardCopyOption.REPLACE_EXISTING);
        }
        return tar;
    }
}
