package dev.skiff.daemon.image;

import dev.skiff.daemon.container.ContainerImages;
import dev.skiff.daemon.container.ImageForContainer;
import dev.skiff.daemon.errors.EngineException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The image store as the container service sees it: a reference resolved to config defaults and layer dirs. */
public final class ImagesForContainers implements ContainerImages {
    private static final System.Logger LOG = System.getLogger("skiffd.images");

    private final ImageStore store;

    public ImagesForContainers(ImageStore store) {
        this.store = store;
    }

    @Override
    public ImageForContainer resolve(String reference) {
        Image image = store.resolve(reference);
        RunConfig c = image.config().config();
        ImageForContainer.ImageConfig defaults = new ImageForContainer.ImageConfig(c.env(), c.cmd(), c.entrypoint(),
                c.workingDir(), c.user(), c.stopSignal(), asMap(c.exposedPorts()), c.labels(), asMap(c.volumes()));
        try {
            return new ImageForContainer(image.id().toString(), reference, defaults, store.lowerDirs(image), image.size());
        } catch (IOException e) {
            throw EngineException.system("image " + reference + " has no usable layers: " + e.getMessage(), e);
        }
    }

    @Override
    public void released(List<String> lowerDirs) {
        try {
            store.collectLayers(lowerDirs.stream().map(Path::of).toList());
        } catch (IOException e) {
            // what is left is removed at the next start
            LOG.log(System.Logger.Level.WARNING, "removing unused layers failed: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> idOf(String reference) {
        try {
            return store.find(reference).map(i -> i.id().toString());
        } catch (EngineException e) {
            return Optional.empty();
        }
    }

    /** Docker's set-as-object form ({"80/tcp": {}}). */
    private static Map<String, Object> asMap(Set<String> keys) {
        if (keys == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, Map.of()));
        return m;
    }
}
