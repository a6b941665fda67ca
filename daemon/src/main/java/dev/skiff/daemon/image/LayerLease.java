package dev.skiff.daemon.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers one operation (pull, load, import, commit) needs between registering or finding them and
 * storing the image that names them: while held, an image deletion elsewhere does not remove them.
 * Closing the lease removes those that no image uses then, which is what a failed operation leaves.
 */
public final class LayerLease implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("skiffd.images");

    private final ImageStore store;
    private final List<String> held = new ArrayList<>();

    LayerLease(ImageStore store) {
        this.store = store;
    }

    /** Holds {@code chainIds}: before they are registered, or before the ones found present are relied on. */
    public void hold(List<String> chainIds) {
        for (String c : chainIds) {
            store.hold(c);
            synchronized (held) {
                held.add(c);
            }
        }
    }

    @Override
    public void close() {
        List<String> release;
        synchronized (held) {
            release = List.copyOf(held);
            held.clear();
        }
        try {
            store.release(release);
        } catch (IOException e) {
            // what is left is removed at the next start
            LOG.log(System.Logger.Level.WARNING, "removing unused layers failed: " + e.getMessage());
        }
    }
}
