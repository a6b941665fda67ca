package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory image store for tests: a busybox-like image whose layer is a temp directory. */
final class TestImages implements ContainerImages {
    static final String BUSYBOX_ID = "sha256:" + "ab".repeat(32);
    private final Map<String, ImageForContainer> images = new HashMap<>();

    TestImages(Path layer) {
        ImageForContainer.ImageConfig config = new ImageForContainer.ImageConfig(
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), List.of("sh"), null,
                null, null, null, null, Map.of("from", "image"), null);
        images.put("busybox:latest", new ImageForContainer(BUSYBOX_ID, "busybox", config, List.of(layer), 1984172));
    }

    /** Points busybox:latest at another image, as a pull of a newer busybox would. */
    void retagBusybox() {
        ImageForContainer old = images.get("busybox:latest");
        images.put("busybox:latest", new ImageForContainer("sha256:" + "cd".repeat(32), "busybox", old.config(),
                old.lowerDirs(), old.size()));
    }

    /** The layers' lifetimes are the test's: a removed container leaves them in place. */
    @Override
    public void released(List<String> lowerDirs) {
    }

    @Override
    public ImageForContainer resolve(String reference) {
        String key = reference.contains(":") ? reference : reference + ":latest";
        ImageForContainer i = images.get(key);
        if (i == null) {
            throw EngineException.notFound("No such image: " + key);
        }
        return i;
    }
}
