package dev.skiff.it.harness;

import dev.skiff.it.harness.fixtures.FixtureImages;
import dev.skiff.it.harness.image.RegistryPusher;

import java.nio.file.Path;

/**
 * What the whole test run shares, started once on first use and torn down when the JVM exits:
 * the registry with every fixture pushed, and one skiffd using it as its docker.io mirror
 * (started only when a test first asks for it).
 */
public final class SkiffSuite {
    private static SkiffSuite instance;
    private static Throwable startFailure;

    private final Path workDir;
    private final RegistryServer registry;
    private final FixtureImages fixtures;
    private SkiffDaemon daemon;

    private SkiffSuite() {
        workDir = TempDirs.create("suite");
        registry = RegistryServer.start();
        fixtures = FixtureImages.build(workDir);
        fixtures.pushTo(pusher());
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "skiff-suite-close"));
    }

    /** The suite; if starting it failed once, every later call fails the same way at once. */
    public static synchronized SkiffSuite get() {
        if (startFailure != null) {
            throw new IllegalStateException("the test suite could not start", startFailure);
        }
        if (instance == null) {
            try {
                instance = new SkiffSuite();
            } catch (RuntimeException | Error e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    public RegistryServer registry() {
        return registry;
    }

    public FixtureImages fixtures() {
        return fixtures;
    }

    /** A client for pushing to and reading from the suite's registry. */
    public RegistryPusher pusher() {
        return new RegistryPusher(registry.url(), null, null);
    }

    /** The shared skiffd; started on first call. A test that stops or kills it must use its own instead. */
    public synchronized SkiffDaemon daemon() {
        if (daemon == null) {
            daemon = SkiffDaemon.start(DaemonDirs.in(workDir.resolve("daemon")), registry);
        } else if (!daemon.isAlive()) {
            throw new IllegalStateException("the shared skiffd has died; its log:\n" + daemon.readLog());
        }
        return daemon;
    }

    /** The shared skiffd if a test has started it, else null (never starts it). */
    synchronized SkiffDaemon startedDaemon() {
        return daemon;
    }

    private synchronized void close() {
        if (daemon != null) {
            daemon.close();
        }
        registry.close();
        TempDirs.deleteRecursively(workDir);
    }
}
