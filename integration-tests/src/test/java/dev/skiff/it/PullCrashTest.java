package dev.skiff.it;

import dev.skiff.it.harness.PrivateDaemons;
import dev.skiff.it.harness.RegistryServer;
import dev.skiff.it.harness.SkiffDaemon;
import dev.skiff.it.harness.SkiffTest;
import dev.skiff.it.harness.image.Image;
import dev.skiff.it.harness.image.Layer;
import dev.skiff.it.harness.image.LayerTar;
import dev.skiff.it.harness.image.ManifestFormat;
import dev.skiff.it.harness.image.Platform;
import dev.skiff.it.harness.image.RegistryPusher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A daemon killed with SIGKILL in the middle of a pull: after a restart the store is consistent and the pull works. */
@SkiffTest
class PullCrashTest {
    private static final int LAYERS = 3;
    private static final int LAYER_BYTES = 32 << 20;

    @Test
    void kill9DuringAPullLeavesNothingHalfDoneAndThePullCanBeRepeated(PrivateDaemons daemons, RegistryServer registry)
            throws Exception {
        String reference = registry.address() + "/crash/big:latest";
        pushBigImage(registry);
        SkiffDaemon daemon = daemons.start();
        Path partials = daemon.dirs().dataRoot().resolve("image/tmp");

        Process pull = start(daemon, "pull", reference);
        Containers.await("a layer download to be under way", Duration.ofSeconds(30), () -> hasPartialDownload(partials));
        daemon.kill9();
        pull.waitFor(30, TimeUnit.SECONDS);

        daemon.restart();
        assertEquals("", daemon.cli().run("images", "-q").assertSuccess().stdout(), "no image from the interrupted pull");
        assertTrue(!hasPartialDownload(partials), "partial downloads are cleaned up at start");

        daemon.cli().run("pull", reference).assertSuccess();
        String layers = daemon.cli().run("image", "inspect", "-f", "{{len .RootFS.Layers}}", reference)
                .assertSuccess().stdout().trim();
        assertEquals(Integer.toString(LAYERS), layers);
    }

    /** Layers of random bytes, so that the download takes long enough to be interrupted. */
    private static void pushBigImage(RegistryServer registry) {
        Random random = new Random(7);
        Image.Builder image = Image.builder(Platform.host()).cmd("sh");
        for (int i = 0; i < LAYERS; i++) {
            byte[] data = new byte[LAYER_BYTES];
            random.nextBytes(data);
            image.layer(Layer.uncompressed(new LayerTar().dir("data" + i, 0755).file("data" + i + "/blob", data, 0644)),
                    "layer " + i);
        }
        new RegistryPusher(registry.url(), null, null).push("crash/big", "latest", image.build(), ManifestFormat.DOCKER);
    }

    private static Process start(SkiffDaemon daemon, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(daemon.cli().command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        for (Map.Entry<String, String> e : daemon.cli().environment().entrySet()) {
            if (e.getValue() == null) {
                pb.environment().remove(e.getKey());
            } else {
                pb.environment().put(e.getKey(), e.getValue());
            }
        }
        return pb.start();
    }

    private static boolean hasPartialDownload(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> parts = files.toList();
            for (Path p : parts) {
                if (Files.size(p) > 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
