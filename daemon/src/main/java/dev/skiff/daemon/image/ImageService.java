package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.reference.Reference;

import java.io.IOException;
import java.time.Clock;
import java.io.UncheckedIOException;
import java.util.List;

/** The image operations behind the routes that change or describe stored images: tag, rmi, prune, history. */
public final class ImageService {
    private final ImageStore store;
    private final ImageEvents events;
    private final ImageDeleter deleter;
    private final ImagePruner pruner;

    public ImageService(ImageStore store, ImageUsers users, ImageEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.deleter = new ImageDeleter(store, users, events);
        this.pruner = new ImagePruner(store, deleter, clock);
    }

    /**
     * {@code docker tag}: points {@code repo} (with {@code tag}, else its own tag, else "latest") at
     * the image {@code source} names; 404 for an unknown source, 400 for a malformed target.
     */
    public void tag(String source, String repo, String tag) throws IOException {
        Image image = store.resolve(source);
        Reference ref = Reference.parseNormalized(repo == null ? "" : repo);
        if (tag != null && !tag.isEmpty()) {
            ref = ref.trimmed().withTag(tag);
        }
        if (ref.digest() != null) {
            throw EngineException.invalidParameter("refusing to create a tag with a digest reference");
        }
        ref = ref.withDefaultTag();
        store.tag(ref, image.id());
        events.publish("tag", image, ref.familiarString());
    }

    public ImageDeleter.Result delete(String nameOrId, boolean force, boolean noPrune) throws IOException {
        return deleter.delete(nameOrId, force, !noPrune);
    }

    public ImagePruner.Pruned prune(Filters filters) throws IOException {
        return pruner.prune(filters);
    }

    public List<ImageHistory.Entry> history(String name) {
        Image image = store.resolve(name);
        return ImageHistory.of(image, new ImageHistory.Lookup() {
            @Override
            public long layerSize(String chainId) {
                try {
                    return store.layerSize(chainId);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public List<String> tags(Image i) {
                return store.references(i.id()).stream().filter(r -> r.tag() != null)
                        .map(Reference::familiarString).toList();
            }

            @Override
            public Image parent(Image i) {
                return i.parent() == null ? null : store.get(i.parent()).orElse(null);
            }
        });
    }
}
