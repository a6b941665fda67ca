package dev.skiff.runtime.layer;

import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes registered layers durable in the background. A layer is registered with a marker file, naming
 * the kernel's boot, whose directory entry is on disk before anything else of the layer; once
 * registrations pause, one syncfs writes back every pending layer's files and the markers are removed.
 * Flushing each layer before it is named costs a pull a fifth of its time; this way the pull does not
 * wait. A marker left by the running kernel's boot only means skiffd stopped before the flush (the
 * data is still in the page cache): the layer is flushed again. One left by an earlier boot, or whose
 * content is lost, means a power cut or crash came first: that layer may be damaged (see
 * {@link OverlayLayerStore#possiblyDamaged}).
 */
final class LayerFlusher implements AutoCloseable {
    static final String MARKER = "unflushed";
    /** A flush waits for registrations to pause this long, so a pull's layers are written back once... */
    static final Duration QUIET = Duration.ofSeconds(1);
    /** ...but for no longer than ten pauses after the first pending registration. */
    private static final int MAX_DELAY_QUIETS = 10;
    private static final System.Logger LOG = System.getLogger("skiff.layers");

    private final Path root;
    private final long quietNanos;
    private final Set<Path> pending = new LinkedHashSet<>();
    private long firstPending;
    private long lastRegistered;
    private Thread thread;
    private boolean closed;

    LayerFlusher(Path root, Duration quiet) {
        this.root = root;
        this.quietNanos = quiet.toNanos();
    }

    /** Marks a layer directory that is about to be filled; the marker is on disk when this returns. */
    static void mark(Path layerDir) throws IOException {
        Files.writeString(layerDir.resolve(MARKER), BootId.VALUE, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        syncDirectory(layerDir);
    }

    /** Marked in this boot: not flushed yet, but nothing lost. */
    static boolean isMarkedThisBoot(Path layerDir) throws IOException {
        Path marker = layerDir.resolve(MARKER);
        return Files.exists(marker) && Files.readString(marker).equals(BootId.VALUE);
    }

    /** Marked in an earlier boot, or the marker's own content lost: the layer's data may be too. */
    static boolean isMarkedEarlier(Path layerDir) throws IOException {
        Path marker = layerDir.resolve(MARKER);
        return Files.exists(marker) && !Files.readString(marker).equals(BootId.VALUE);
    }

    private static final class BootId {
        static final String VALUE = read();

        private static String read() {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the kernel's boot id", e);
            }
        }
    }

    /** A marked layer has been registered under its name: flush it soon. */
    synchronized void registered(Path layerDir) {
        if (closed) {
            return;   // it stays marked and is rebuilt at the next start
        }
        long now = System.nanoTime();
        if (pending.isEmpty()) {
            firstPending = now;
        }
        pending.add(layerDir);
        lastRegistered = now;
        if (thread == null) {
            thread = new Thread(this::run, "skiff-layer-flush");
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    /** Flushes what is pending now, on the calling thread. */
    void flushNow() throws IOException {
        flush(takePending());
    }

    private synchronized List<Path> takePending() {
        List<Path> batch = new ArrayList<>(pending);
        pending.clear();
        return batch;
    }

    private void run() {
        while (true) {
            List<Path> batch;
            synchronized (this) {
                try {
                    awaitQuiet();
                } catch (InterruptedException e) {
                    return;
                }
                if (closed && pending.isEmpty()) {
                    return;
                }
                batch = takePending();
            }
            try {
                flush(batch);
            } catch (IOException | RuntimeException e) {
                // the markers stay: those layers are rebuilt at the next start
                LOG.log(System.Logger.Level.WARNING, "flushing image layers failed: " + e.getMessage());
            }
        }
    }

    /** Waits until pending registrations have paused (or the flusher is closed). Holds the lock. */
    private void awaitQuiet() throws InterruptedException {
        while (!closed) {
            if (pending.isEmpty()) {
                wait();
                continue;
            }
            long remaining = remainingQuiet();
            if (remaining <= 0) {
                return;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
    }

    private long remainingQuiet() {
        long now = System.nanoTime();
        return Math.min(lastRegistered + quietNanos, firstPending + MAX_DELAY_QUIETS * quietNanos) - now;
    }

    private void flush(List<Path> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        Native nat = Native.get();
        int fd = nat.check(nat.libc().openat(Linux.AT_FDCWD, root.toString(),
                Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0), "open " + root);
        try {
            nat.check(nat.libc().syncfs(fd), "syncfs " + root);
        } finally {
            nat.libc().close(fd);
        }
        for (Path dir : batch) {
            try {
                if (Files.deleteIfExists(dir.resolve(MARKER))) {
                    syncDirectory(dir);
                }
            } catch (NoSuchFileException removedMeanwhile) {
                // the layer was removed after its registration: nothing to keep
            }
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Flushes what is pending and stops the thread. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
            notifyAll();
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
