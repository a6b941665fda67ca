package dev.skiff.daemon.image;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /images/{name}/history} from the config's history: newest entry first, each
 * non-empty entry sized by its layer (matched to the diff ids in order), the top entry carrying
 * the image id and tags, the ones below {@code <missing>} unless the local parent chain names
 * them, as dockerd prints.
 */
public final class ImageHistory {
    /** One row; {@code tags} is null below the top (Go's nil slice). */
    public record Entry(String id, long created, String createdBy, long size, String comment, List<String> tags) {
    }

    /** Where the history meets the rest of the store. */
    public interface Lookup {
        /** Size of the layer with this chain id. */
        long layerSize(String chainId);

        /** Tags of an image, familiar form; empty for none. */
        List<String> tags(Image image);

        /** The local parent image, or null. */
        Image parent(Image image);
    }

    private ImageHistory() {
    }

    public static List<Entry> of(Image image, Lookup lookup) {
        JsonNode history = image.config().raw().path("history");
        List<String> chainIds = image.chainIds();
        List<Entry> rows = new ArrayList<>();
        int layer = 0;
        for (JsonNode h : history) {
            long size = 0;
            if (!h.path("empty_layer").asBoolean(false)) {
                if (layer >= chainIds.size()) {
                    throw new IllegalStateException("too many non-empty layers in History section");
                }
                size = lookup.layerSize(chainIds.get(layer++));
            }
            rows.add(new Entry("<missing>", ImageConfig.unixSeconds(h.path("created").asText("")), h.path("created_by").asText(""),
                    size, h.path("comment").asText(""), null));
        }
        Collections.reverse(rows);
        Image current = image;
        for (int i = 0; i < rows.size() && current != null; i++) {
            Entry e = rows.get(i);
            List<String> tags = lookup.tags(current);
            rows.set(i, new Entry(current.id().toString(), e.created(), e.createdBy(), e.size(), e.comment(),
                    tags.isEmpty() ? null : tags));
            current = lookup.parent(current);
        }
        return rows;
    }
}
