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

    public SkiffDaemon start() {
        SkiffDaemon daemon = suite.startPrivateDaemon();
        started.add(daemon);
        return daemon;
    }

    /** Fresh directories with daemon.json written, for a daemon the test launches itself (e.g. to watch it fail). */
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
