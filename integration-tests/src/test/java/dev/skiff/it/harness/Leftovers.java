package dev.skiff.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds what a killed daemon leaves running: container processes, recognised by a root
 * directory below the daemon's scratch directory (their rootfs is mounted there).
 */
public final class Leftovers {
    private Leftovers() {
    }

    /** SIGKILLs every process whose root lies below {@code dir} and waits until they are gone. */
    public static void killProcessesRootedBelow(Path dir) {
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(p -> rootOf(p.pid()).map(root -> root.startsWith(dir)).orElse(false))
                .toList();
        leftovers.forEach(ProcessHandle::destroyForcibly);
        leftovers.forEach(p -> p.onExit().join());
    }

    private static Optional<Path> rootOf(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "root")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // gone, or a kernel thread
        }
    }
}
