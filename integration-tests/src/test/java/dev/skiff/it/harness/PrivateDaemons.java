package dev.skiff.it.harness;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Daemons a single test starts for itself (to kill, restart or contend with), each on fresh
 * directories with the suite's registry as mirror. All are closed when the test ends.
 */
public final class PrivateDaemons implements ExtensionContext.Store.CloseableResource {
    private final SkiffSuite suite;
    private final List<SkiffDaemon> started = new ArrayList<>();
    private final List<DaemonDirs> launchedByTest = new ArrayList<>();

    PrivateDaemons(SkiffSuite suite) {
        this.suite = suite;
    }

    /** Starts a daemon on fresh directories. */
    public SkiffDaemon start() {
        return start(freshDirs());
    }

    /** Starts a daemon on {@code dirs} (from {@link #freshDirs()}, perhaps prepared by the test). */
    public SkiffDaemon start(DaemonDirs dirs) {
        SkiffDaemon daemon = SkiffDaemon.start(dirs, suite.registry());
        started.add(daemon);
        return daemon;
    }

    /**
     * Fresh directories with daemon.json written, deleted when the test ends: for a daemon the
     * test prepares the ground for, or launches itself (e.g. to watch it fail).
     */
    public DaemonDirs freshDirs() {
        DaemonDirs dirs = DaemonDirs.in(TempDirs.create("daemon"));
        SkiffDaemon.writeConfig(dirs, suite.registry());
        launchedByTest.add(dirs);
        return dirs;
    }

    List<SkiffDaemon> started() {
        return List.copyOf(started);
    }

    @Override
    public void close() {
        started.forEach(SkiffDaemon::close);
        launchedByTest.forEach(d -> TempDirs.deleteRecursively(d.root()));
    }
}
