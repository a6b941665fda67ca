package dev.skiff.daemon.image;

import dev.skiff.daemon.pull.LayerStreams;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.runtime.layer.OverlayLayerStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * At start, before any container runs: every layer an image names that a power cut or kernel crash may
 * have damaged (registered but not flushed before it, or gone) is extracted again from a blob that holds its content; the
 * extraction checks it against the diff id as a pull does. A layer no blob holds any more stays as it
 * is, and is reported.
 */
public final class LayerRecovery {
    private static final System.Logger LOG = System.getLogger("skiffd.images");

    private final ImageStore store;
    private final OverlayLayerStore layers;

    public LayerRecovery(ImageStore store) {
        this.store = store;
        this.layers = store.layers();
    }

    /** Returns how many layers were extracted again. */
    public int rebuildDamagedLayers() throws IOException {
        Set<String> suspect = new HashSet<>(layers.possiblyDamaged());
        Set<String> rebuilt = new HashSet<>();
        for (Image image : store.images()) {
            List<String> chain = image.chainIds();
            List<String> diffIds = image.config().diffIds();
            for (int i = 0; i < chain.size(); i++) {
                String chainId = chain.get(i);
                if (rebuilt.contains(chainId) || !(suspect.contains(chainId) || !layers.exists(chainId))) {
                    continue;
                }
                if (rebuild(chainId, i == 0 ? null : chain.get(i - 1), Digest.parse(diffIds.get(i)))) {
                    rebuilt.add(chainId);
                } else {
                    LOG.log(System.Logger.Level.ERROR, "layer " + chainId + " of image " + image.id()
                            + " may be damaged and no stored blob holds its content; pull or load the image again");
                    break;   // the layers above it cannot be extracted on top of it
                }
            }
        }
        if (!rebuilt.isEmpty()) {
            layers.flush();
        }
        return rebuilt.size();
    }

    private boolean rebuild(String chainId, String parentChainId, Digest diffId) throws IOException {
        for (LayerBlobs.Source s : store.layerBlobs().sources(diffId)) {
            if (!store.blobs().exists(s.blob())) {
                continue;
            }
            layers.remove(chainId);
            try (InputStream tar = LayerStreams.uncompressed(Files.newInputStream(store.blobs().path(s.blob())))) {
                layers.register(parentChainId, diffId.toString(), tar);
                return true;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "extracting layer " + chainId + " again from blob " + s.blob()
                        + " failed: " + e.getMessage());
            }
        }
        return false;
    }
}
