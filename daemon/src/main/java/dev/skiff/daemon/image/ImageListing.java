package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.reference.Reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /images/json} semantics of dockerd 20.10: which images are listed (intermediate
 * images only with {@code all}), the filters dangling/label/before/since/reference, the
 * {@code <none>} placeholders, newest first.
 */
public final class ImageListing {
    private static final Set<String> ACCEPTED = Set.of("dangling", "label", "before", "since", "reference");
    private static final List<String> NONE_TAG = List.of("<none>:<none>");
    private static final List<String> NONE_DIGEST = List.of("<none>@<none>");

    /** One listed image; a list is null when the image has no such reference (Go's nil slice). */
    public record Entry(Image image, List<String> repoTags, List<String> repoDigests) {
    }

    private final ImageStore store;

    public ImageListing(ImageStore store) {
        this.store = store;
    }

    public List<Entry> list(boolean all, Filters filters) {
        filters.validate(ACCEPTED);
        boolean danglingOnly = false;
        if (filters.has("dangling")) {
            Set<String> v = filters.get("dangling");
            if (v.equals(Set.of("true"))) {
                danglingOnly = true;
            } else if (!v.equals(Set.of("false"))) {
                throw EngineException.invalidParameter("Invalid filter 'dangling=[" + String.join(" ", v) + "]'");
            }
        }
        Image before = lastResolved(filters, "before");
        Image since = lastResolved(filters, "since");

        List<Entry> out = new ArrayList<>();
        for (Image image : store.images()) {
            long created = image.config().createdSeconds();
            if (before != null && created >= before.config().createdSeconds()) {
                continue;
            }
            if (since != null && created <= since.config().createdSeconds()) {
                continue;
            }
            if (filters.has("label")) {
                Map<String, String> labels = image.config().config().labels();
                if (labels == null || labels.isEmpty() || !filters.matchesLabels("label", labels)) {
                    continue;
                }
            }
            List<String> tags = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            for (Reference ref : store.references(image.id())) {
                if (filters.has("reference") && !referenceMatches(filters.get("reference"), ref)) {
                    continue;
                }
                if (ref.digest() != null) {
                    digests.add(ref.familiarString());
                }
                if (ref.tag() != null) {
                    tags.add(ref.familiarString());
                }
            }
            if (tags.isEmpty() && digests.isEmpty()) {
                if (!all && !store.children(image.id()).isEmpty()) {
                    continue;   // an intermediate image: shown only with all=1
                }
                if ((filters.has("dangling") && !danglingOnly) || filters.has("reference")) {
                    continue;
                }
                out.add(new Entry(image, NONE_TAG, NONE_DIGEST));
                continue;
            }
            if (danglingOnly && !tags.isEmpty()) {
                continue;
            }
            out.add(new Entry(image, tags.isEmpty() ? null : List.copyOf(tags), digests.isEmpty() ? null : List.copyOf(digests)));
        }
        out.sort(Comparator.comparingLong((Entry e) -> e.image().config().createdSeconds()).reversed());
        return out;
    }

    private Image lastResolved(Filters filters, String key) {
        Image found = null;
        for (String value : filters.get(key)) {
            found = store.resolve(value);
        }
        return found;
    }

    /** dockerd's FamiliarMatch: the pattern against "busybox:latest", then against "busybox". */
    private static boolean referenceMatches(Set<String> patterns, Reference ref) {
        for (String p : patterns) {
            if (GlobMatch.matches(p, ref.familiarString()) || GlobMatch.matches(p, ref.familiarName())) {
                return true;
            }
        }
        return false;
    }
}
