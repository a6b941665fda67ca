package dev.skiff.it.harness.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-platform image: its layers and the config JSON describing them, from which the
 * manifest in either dialect is derived. Configs and manifests are serialized once, so their
 * digests are stable for the lifetime of the object.
 */
public final class Image {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATED = Instant.ofEpochSecond(LayerTar.DEFAULT_MTIME).toString();

    private final Platform platform;
    private final List<String> env;
    private final List<String> cmd;
    private final List<Layer> layers;
    private final byte[] config;

    private Image(Platform platform, List<String> env, List<String> cmd, List<Layer> layers, List<String> history) {
        this.platform = platform;
        this.env = List.copyOf(env);
        this.cmd = List.copyOf(cmd);
        this.layers = List.copyOf(layers);
        this.config = configJson(history);
    }

    public static Builder builder(Platform platform) {
        return new Builder(platform);
    }

    public Platform platform() {
        return platform;
    }

    public List<String> env() {
        return env;
    }

    public List<String> cmd() {
        return cmd;
    }

    public List<Layer> layers() {
        return layers;
    }

    public List<String> diffIds() {
        return layers.stream().map(Layer::diffId).toList();
    }

    /** The image ID: the digest of the config JSON. */
    public String id() {
        return Digests.sha256(config);
    }

    public Blob config(ManifestFormat format) {
        return new Blob(format.configMediaType(), config.clone());
    }

    public Blob manifest(ManifestFormat format) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", format.manifestMediaType());
        m.set("config", descriptor(config(format)));
        ArrayNode ls = m.putArray("layers");
        layers.forEach(l -> ls.add(descriptor(l.blob(format))));
        return new Blob(format.manifestMediaType(), bytes(m));
    }

    /** An OCI index or Docker manifest list of {@code images}, each entry carrying its platform. */
    public static Blob index(ManifestFormat format, List<Image> images) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", format.indexMediaType());
        ArrayNode ms = index.putArray("manifests");
        for (Image image : images) {
            ObjectNode entry = descriptor(image.manifest(format));
            ObjectNode p = entry.putObject("platform");
            p.put("architecture", image.platform.architecture());
            p.put("os", image.platform.os());
            if (image.platform.variant() != null) {
                p.put("variant", image.platform.variant());
            }
            ms.add(entry);
        }
        return new Blob(format.indexMediaType(), bytes(index));
    }

    private byte[] configJson(List<String> history) {
        ObjectNode c = JSON.createObjectNode();
        c.put("architecture", platform.architecture());
        if (platform.variant() != null) {
            c.put("variant", platform.variant());
        }
        c.put("os", platform.os());
        c.put("created", CREATED);
        ObjectNode container = c.putObject("config");
        if (!env.isEmpty()) {
            ArrayNode envArray = container.putArray("Env");
            env.forEach(envArray::add);
        }
        if (!cmd.isEmpty()) {
            ArrayNode cmdArray = container.putArray("Cmd");
            cmd.forEach(cmdArray::add);
        }
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.diffId()));
        ArrayNode hist = c.putArray("history");
        for (String createdBy : history) {
            hist.addObject().put("created", CREATED).put("created_by", createdBy);
        }
        return bytes(c);
    }

    private static ObjectNode descriptor(Blob blob) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", blob.mediaType());
        d.put("size", blob.size());
        d.put("digest", blob.digest());
        return d;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private final Platform platform;
        private final List<String> env = new ArrayList<>();
        private final List<String> cmd = new ArrayList<>();
        private final List<Layer> layers = new ArrayList<>();
        private final List<String> history = new ArrayList<>();

        private Builder(Platform platform) {
            this.platform = platform;
        }

        /** Sets the environment (replacing any set before). */
        public Builder env(String... vars) {
            env.clear();
            env.addAll(List.of(vars));
            return this;
        }

        /** Sets the command (replacing any set before, as a later CMD does in a Dockerfile). */
        public Builder cmd(String... args) {
            cmd.clear();
            cmd.addAll(List.of(args));
            return this;
        }

        /** Adds a layer on top; {@code createdBy} is what {@code docker history} shows for it. */
        public Builder layer(Layer layer, String createdBy) {
            layers.add(layer);
            history.add(createdBy);
            return this;
        }

        public Image build() {
            return new Image(platform, env, cmd, layers, history);
        }
    }
}
