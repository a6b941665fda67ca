package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.filters.FilterTime;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.reference.Reference;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /images/prune} as dockerd 20.10 does it: dangling images (no tag; images with
 * children are never candidates) or, with {@code dangling=false}, every image no container uses;
 * narrowed by {@code until} and {@code label}/{@code label!}. Conflicts skip an image silently.
 */
public final class ImagePruner {
    private static final System.Logger LOG = System.getLogger("skiffd.images");
    private static final Set<String> ACCEPTED = Set.of("dangling", "label", "label!", "until");

    private final ImageStore store;
    private final ImageDeleter deleter;
    private final Clock clock;

    public ImagePruner(ImageStore store, ImageDeleter deleter, Clock clock) {
        this.store = store;
        this.deleter = deleter;
        this.clock = clock;
    }

    public record Pruned(List<DeleteRecord> deleted, long spaceReclaimed) {
    }

    public Pruned prune(Filters filters) throws IOException {
        filters.validate(ACCEPTED);
        Boolean dangling = filters.bool("dangling");
        boolean danglingOnly = dangling == null || dangling;
        Instant until = filters.get("until").stream().map(v -> FilterTime.parse(v, clock.instant()))
                .max(Instant::compareTo).orElse(null);

        List<DeleteRecord> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Image image : store.images()) {
            if (danglingOnly && !store.children(image.id()).isEmpty()) {
                continue;   // dockerd prunes dangling "heads" only
            }
            if (until != null && image.config().createdSeconds() > until.getEpochSecond()) {
                continue;
            }
            if (!matchesLabels(filters, image.config().config().labels())) {
                continue;
            }
            List<Reference> refs = store.references(image.id());
            List<String> targets = new ArrayList<>();
            if (refs.isEmpty()) {
                targets.add(image.id().hex());
            } else if (!danglingOnly || refs.stream().allMatch(r -> r.tag() == null)) {
                refs.forEach(r -> targets.add(r.toString()));
            }
            for (String target : targets) {
                try {
                    ImageDeleter.Result r = deleter.delete(target, false, true);
                    deleted.addAll(r.records());
                    reclaimed += r.layerBytes();
                } catch (EngineException e) {
                    if (e.kind() != ErrorKind.CONFLICT && e.kind() != ErrorKind.NOT_FOUND) {
                        throw e;
                    }
                    LOG.log(System.Logger.Level.DEBUG, "prune skips " + target + ": " + e.getMessage());
                }
            }
        }
        return new Pruned(deleted, reclaimed);
    }

    /** label: every value holds; label!: skipped when every value holds. */
    private static boolean matchesLabels(Filters filters, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (!filters.matchesLabels("label", l)) {
            return false;
        }
        return !filters.has("label!") || !filters.matchesLabels("label!", l);
    }
}
