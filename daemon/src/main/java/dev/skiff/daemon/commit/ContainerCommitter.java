package dev.skiff.daemon.commit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.container.ContainerRecord;
import dev.skiff.daemon.container.ContainerService;
import dev.skiff.daemon.container.ContainerStatus;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.events.Event;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.filesystem.InitLayerPaths;
import dev.skiff.daemon.http.SkiffVersion;
import dev.skiff.daemon.image.DigestMismatchException;
import dev.skiff.daemon.image.Image;
import dev.skiff.daemon.image.ImageEvents;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.image.LayerBlobs;
import dev.skiff.daemon.image.LayerLease;
import dev.skiff.daemon.image.changes.ConfigChanges;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.time.GoTime;
import dev.skiff.runtime.layer.OverlayTarWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker commit}: the container's writable layer becomes a new layer on top of its image, with
 * a config that carries the container's settings and the requested changes. A running container is
 * paused (unless asked not to) while its layer is read.
 *
 * <p>The layer is never spooled: its tar is generated from the upper directory into the layer store,
 * which extracts it and computes its diff id, then once more into the blob store (save and push need
 * the tar itself), which checks it against that diff id. A container that changes between the two
 * passes (committed without pause) fails the check and no image refers to the layer.
 */
public final class ContainerCommitter {
    private static final String LAYER_MEDIA_TYPE = "application/vnd.docker.image.rootfs.diff.tar";
    private static final int PIPE_BUFFER = 64 << 10;

    private final ContainerService containers;
    private final ImageStore images;
    private final ImageEvents imageEvents;
    private final EventBus events;
    private final Clock clock;

    public ContainerCommitter(ContainerService containers, ImageStore images, ImageEvents imageEvents, EventBus events,
                              Clock clock) {
        this.containers = containers;
        this.images = images;
        this.imageEvents = imageEvents;
        this.events = events;
        this.clock = clock;
    }

    /** Commits the container; returns the new image's id. */
    public Digest commit(CommitRequest req) throws IOException {
        ConfigChanges changes = ConfigChanges.parse(req.changes());
        Reference target = target(req.repo(), req.tag());
        Committed done = containers.withFilesystem(req.container(), fs -> {
            ContainerRecord r = fs.record();
            boolean pause = req.pause() && r.state().status() == ContainerStatus.RUNNING;
            if (pause) {
                containers.pause(r.id());
            }
            try {
                return new Committed(r, createImage(r, fs.upper(), req, changes));
            } finally {
                if (pause) {
                    containers.unpause(r.id());
                }
            }
        });
        Image image = done.image;
        String imageRef = "";
        if (target != null) {
            images.tag(target, image.id());
            imageRef = target.familiarString();
            imageEvents.publish("tag", image, imageRef);
        }
        ContainerRecord r = done.container;
        Map<String, String> attributes = new LinkedHashMap<>(r.config().labels());
        attributes.put("comment", req.comment());
        attributes.put("image", r.config().image());
        attributes.put("imageID", image.id().toString());
        attributes.put("imageRef", imageRef);
        attributes.put("name", r.name());
        events.publish(Event.now("container", "commit", r.id(), attributes));
        return image.id();
    }

    private record Committed(ContainerRecord container, Image image) {
    }

    private Image createImage(ContainerRecord r, Path upper, CommitRequest req, ConfigChanges changes)
            throws IOException {
        Digest parentId = Digest.parse(r.imageId());
        Image parent = images.get(parentId).orElseThrow(() -> EngineException.notFound(
                "No such image: " + r.imageId()));
        ObjectNode parentConfig = (ObjectNode) Json.MAPPER.readTree(images.blobs().read(parentId));

        List<String> chain = parent.chainIds();
        try (LayerLease lease = images.leaseLayers()) {
            lease.hold(chain);
            Digest diffId = registerLayer(lease, chain.isEmpty() ? null : chain.get(chain.size() - 1), upper);
            ObjectNode container = CommitConfig.of(r.config());
            ObjectNode config = CommitConfig.build(req.config(), changes, container);
            return images.put(Json.MAPPER.writeValueAsBytes(imageConfig(parentConfig, r, req, container, config,
                    diffId)), parentId);
        }
    }

    /** The container's changes as a layer on {@code parentChain}, and the blob that holds its content. */
    private Digest registerLayer(LayerLease lease, String parentChain, Path upper) throws IOException {
        Digest diffId;
        try (InputStream tar = tarOf(upper)) {
            diffId = Digest.parse(images.layers().registerComputed(parentChain, tar, c -> lease.hold(List.of(c)))
                    .diffId());
        }
        if (!images.blobs().exists(diffId)) {
            try (InputStream tar = tarOf(upper)) {
                images.blobs().write(diffId, tar);
            } catch (DigestMismatchException e) {
                throw EngineException.system("the container's files changed while it was committed: "
                        + e.getMessage(), e);
            }
        }
        images.layerBlobs().record(diffId, new LayerBlobs.Source(diffId, LAYER_MEDIA_TYPE, ""));
        return diffId;
    }

    /** dockerd's image config: keys sorted (it marshals through a map), the history extended by one layer. */
    private ObjectNode imageConfig(ObjectNode parent, ContainerRecord r, CommitRequest req, ObjectNode container,
                                   ObjectNode config, Digest diffId) {
        String created = GoTime.rfc3339Nano(clock.instant());
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.set("architecture", parent.get("architecture"));
        if (!req.author().isEmpty()) {
            c.put("author", req.author());
        }
        if (!req.comment().isEmpty()) {
            c.put("comment", req.comment());
        }
        c.set("config", config);
        c.put("container", r.id());
        c.set("container_config", container);
        c.put("created", created);
        c.put("docker_version", SkiffVersion.VERSION);
        ArrayNode history = parent.get("history") instanceof ArrayNode h ? h.deepCopy() : c.arrayNode();
        ObjectNode entry = history.addObject();
        entry.put("created", created);
        if (!req.author().isEmpty()) {
            entry.put("author", req.author());
        }
        entry.put("created_by", String.join(" ", r.config().cmd() == null ? List.of() : r.config().cmd()));
        if (!req.comment().isEmpty()) {
            entry.put("comment", req.comment());
        }
        c.set("history", history);
        c.set("os", parent.get("os"));
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        if (parent.path("rootfs").get("diff_ids") instanceof ArrayNode parentIds) {
            diffIds.addAll(parentIds);
        }
        diffIds.add(diffId.toString());
        return c;
    }

    /**
     * The layer tar as a stream, written by a helper thread through a pipe. Closing the stream early
     * (a consumer failed) makes the writer end; a failure of the writer itself is thrown by close.
     */
    private static InputStream tarOf(Path upper) throws IOException {
        PipedOutputStream out = new PipedOutputStream();
        IOException[] failure = new IOException[1];
        Thread writer = new Thread(() -> {
            try (out) {
                new OverlayTarWriter(upper, InitLayerPaths::excludes).write(out);
            } catch (IOException e) {
                failure[0] = e;
            }
        }, "commit-layer-tar");
        PipedInputStream in = new PipedInputStream(out, PIPE_BUFFER) {
            @Override
            public void close() throws IOException {
                // a writer still running when the reader stops fails only because of that
                boolean writerFinished = !writer.isAlive();
                super.close();
                try {
                    writer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (writerFinished && failure[0] != null) {
                    throw failure[0];
                }
            }
        };
        writer.setDaemon(true);
        writer.start();
        return in;
    }

    private static Reference target(String repo, String tag) {
        if (repo.isEmpty()) {
            return null;
        }
        Reference ref = Reference.parseNormalized(repo);
        if (ref.digest() != null) {
            throw EngineException.invalidParameter("cannot commit to a digest reference");
        }
        return (tag.isEmpty() ? ref : ref.withTag(tag)).withDefaultTag();
    }
}
