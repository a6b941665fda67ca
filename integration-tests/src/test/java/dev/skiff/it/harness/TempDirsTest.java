package dev.skiff.it.harness;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cleanup of a killed daemon's directories must never reach outside them. */
class TempDirsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void deleteUnmountsInsteadOfDeletingThroughAMountOrASymlink() throws IOException {
        Path outside = TempDirs.create("outside");
        Path scratch = TempDirs.create("scratch");
        try {
            Files.writeString(outside.resolve("precious"), "keep me\n");
            Path mountPoint = Files.createDirectories(scratch.resolve("exec/rootfs"));
            Commands.run(List.of("mount", "--bind", outside.toString(), mountPoint.toString()), WAIT).assertSuccess();
            Files.createSymbolicLink(scratch.resolve("link"), outside);

            TempDirs.deleteRecursively(scratch);

            assertFalse(Files.exists(scratch));
            assertEquals("keep me\n", Files.readString(outside.resolve("precious")));
        } finally {
            TempDirs.deleteRecursively(scratch);
            TempDirs.deleteRecursively(outside);
        }
    }

    @Test
    void leftoverProcessesAreFoundByTheirRoot() throws Exception {
        Path scratch = TempDirs.create("scratch");
        Process chrooted = null;
        try {
            Path root = Files.createDirectories(scratch.resolve("exec/rootfs"));
            Files.createDirectories(root.resolve("bin"));
            Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
            chrooted = new ProcessBuilder("chroot", root.toString(), "/bin/busybox", "sleep", "600").start();
            Process started = chrooted;
            long deadline = System.nanoTime() + WAIT.toNanos();
            // chroot(8) execs busybox once it has changed root
            while (!Files.readSymbolicLink(Path.of("/proc", Long.toString(started.pid()), "root")).equals(root)) {
                assertTrue(System.nanoTime() < deadline, "chroot did not take effect");
                Waits.pause();
            }

            Leftovers.killProcessesRootedBelow(scratch);

            assertTrue(chrooted.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            if (chrooted != null) {
                chrooted.destroyForcibly();
            }
            TempDirs.deleteRecursively(scratch);
        }
    }
}
