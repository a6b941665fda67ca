package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.runtime.layer.LayerInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * dockerd's {@code DELETE /images/{name}} rules. A name removes that reference first (refused
 * while a container uses the image, unless forced) and deletes the image only when it was the
 * last one; an id (or id prefix) deletes the image with all its references when they are one
 * repository's, else only with force. Deleting is refused for hard conflicts (dependent child
 * images, a running container) and, unless forced, soft ones (other references, a stopped
 * container). Parents left dangling are deleted too, quietly stopping at the first conflict.
 */
public final class ImageDeleter {
    private final ImageStore store;
    private final ImageUsers users;
    private final ImageEvents events;

    public ImageDeleter(ImageStore store, ImageUsers users, ImageEvents events) {
        this.store = store;
        this.users = users;
        this.events = events;
    }

    /** Deletion records in order, plus the bytes of the layers removed (prune's SpaceReclaimed). */
    public record Result(List<DeleteRecord> records, long layerBytes) {
    }

    public synchronized Result delete(String nameOrId, boolean force, boolean prune) throws IOException {
        Image image = store.resolve(nameOrId);
        Digest id = image.id();
        Outcome out = new Outcome();
        boolean quiet = false;
        if (!isIdPrefix(id, nameOrId)) {
            if (!force) {
                Optional<ImageUsers.User> user = users.containersUsing(id.toString()).stream().findFirst();
                if (user.isPresent()) {
                    throw EngineException.conflict("conflict: unable to remove repository reference \"" + nameOrId
                            + "\" (must force) - container " + shortId(user.get().containerId())
                            + " is using its referenced image " + id.shortHex());
                }
            }
            Reference ref = Reference.parseNormalized(nameOrId).withDefaultTag();
            untag(image, ref, out);
            List<Reference> remaining = store.references(id);
            if (ref.digest() == null && remaining.stream().noneMatch(r -> r.digest() == null && sameRepository(r, ref))) {
                // The repository's last tag went: its digest references go with it.
                for (Reference r : remaining) {
                    if (sameRepository(r, ref)) {
                        store.removeReference(r);
                        out.records.add(DeleteRecord.untagged(r.familiarString()));
                    }
                }
            }
            if (!store.references(id).isEmpty()) {
                return out.result();
            }
            quiet = true;
        } else {
            List<Reference> refs = store.references(id);
            if (isSingleReference(refs)) {
                Conflict c = conflict(id, force ? HARD : HARD_AND_STOPPED);
                if (c != null) {
                    throw c.exception(id);
                }
                for (Reference r : refs) {
                    untag(image, r, out);
                }
            }
        }
        deleteImage(image, force, prune, quiet, out);
        return out.result();
    }

    private void untag(Image image, Reference ref, Outcome out) throws IOException {
        store.removeReference(ref);
        events.publish("untag", image, image.id().toString());
        out.records.add(DeleteRecord.untagged(ref.familiarString()));
    }

    private void deleteImage(Image image, boolean force, boolean prune, boolean quiet, Outcome out) throws IOException {
        Digest id = image.id();
        Conflict c = conflict(id, force ? HARD : ALL);
        if (c != null) {
            if (quiet && (!isDangling(id) || c.used)) {
                return;   // a reference was removed; the image simply stays
            }
            throw c.exception(id);
        }
        for (Reference r : store.references(id)) {
            store.removeReference(r);
            out.records.add(DeleteRecord.untagged(r.familiarString()));
        }
        List<LayerInfo> removed = store.delete(id);
        events.publish("delete", image, id.toString());
        out.records.add(DeleteRecord.deleted(id.toString()));
        for (LayerInfo layer : removed) {
            out.records.add(DeleteRecord.deleted(layer.chainId()));
            out.layerBytes += layer.size();
        }
        if (prune && image.parent() != null) {
            Optional<Image> parent = store.get(image.parent());
            if (parent.isPresent()) {
                deleteImage(parent.get(), false, true, true, out);
            }
        }
    }

    private boolean isDangling(Digest id) {
        return store.references(id).isEmpty() && store.children(id).isEmpty();
    }

    // ---- conflicts ----

    private static final int CHILD = 1;
    private static final int RUNNING = 2;
    private static final int REFERENCED = 4;
    private static final int STOPPED = 8;
    private static final int HARD = CHILD | RUNNING;
    private static final int ALL = HARD | REFERENCED | STOPPED;
    /** An id given for an image with one repository's references: those references are not a conflict. */
    private static final int HARD_AND_STOPPED = HARD | STOPPED;

    private record Conflict(boolean hard, boolean used, String message) {
        EngineException exception(Digest id) {
            return EngineException.conflict("conflict: unable to delete " + id.shortHex() + " ("
                    + (hard ? "cannot be forced" : "must be forced") + ") - " + message);
        }
    }

    /** dockerd's checkImageDeleteConflict, in its order. */
    private Conflict conflict(Digest id, int mask) {
        if ((mask & CHILD) != 0 && !store.children(id).isEmpty()) {
            return new Conflict(true, false, "image has dependent child images");
        }
        List<ImageUsers.User> using = users.containersUsing(id.toString());
        if ((mask & RUNNING) != 0) {
            for (ImageUsers.User u : using) {
                if (u.running()) {
                    return new Conflict(true, true, "image is being used by running container " + shortId(u.containerId()));
                }
            }
        }
        if ((mask & REFERENCED) != 0 && !store.references(id).isEmpty()) {
            return new Conflict(false, false, "image is referenced in multiple repositories");
        }
        if ((mask & STOPPED) != 0) {
            for (ImageUsers.User u : using) {
                if (!u.running()) {
                    return new Conflict(false, true, "image is being used by stopped container " + shortId(u.containerId()));
                }
            }
        }
        return null;
    }

    // ---- references ----

    /** Whether the user named the image by (a prefix of) its id rather than by a reference. */
    static boolean isIdPrefix(Digest id, String nameOrId) {
        return id.toString().startsWith(nameOrId) || id.hex().startsWith(nameOrId);
    }

    /**
     * dockerd's isSingleReference: at most one tag, and every digest reference in that tag's
     * repository (one repository in all).
     */
    static boolean isSingleReference(List<Reference> refs) {
        if (refs.size() <= 1) {
            return refs.size() == 1;
        }
        Reference tagged = null;
        Set<String> digestRepos = new HashSet<>();
        for (Reference r : refs) {
            if (r.digest() != null) {
                digestRepos.add(r.name());
            } else if (tagged == null) {
                tagged = r;
            } else {
                return false;
            }
        }
        String name = (tagged != null ? tagged : refs.get(0)).name();
        return digestRepos.size() == 1 && digestRepos.contains(name);
    }

    private static boolean sameRepository(Reference a, Reference b) {
        return a.name().equals(b.name());
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    private static final class Outcome {
        final List<DeleteRecord> records = new ArrayList<>();
        long layerBytes;

        Result result() {
            return new Result(List.copyOf(records), layerBytes);
        }
    }
}
