package dev.skiff.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * skiffd as a separate process, started from the test JVM's class path on private directories
 * and pointed at the test registry as its docker.io mirror. Everything it prints goes to one log
 * file that survives restarts, so a failing test can show it.
 */
public final class SkiffDaemon implements AutoCloseable {
    public static final String MAIN_CLASS = "dev.skiff.daemon.Skiffd";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(30);

    private final DaemonDirs dirs;
    private final DockerCli cli;
    private Process process;
    private Thread killOnExit;

    private SkiffDaemon(DaemonDirs dirs) {
        this.dirs = dirs;
        this.cli = new DockerCli(dirs.host(), dirs.root().resolve("docker-config"));
    }

    /** Writes daemon.json for {@code mirror}, starts skiffd in {@code dirs} and waits until it answers /_ping. */
    public static SkiffDaemon start(DaemonDirs dirs, RegistryServer mirror) {
        writeConfig(dirs, mirror);
        SkiffDaemon daemon = new SkiffDaemon(dirs);
        daemon.launch();
        return daemon;
    }

    /** The daemon.json the harness gives every skiffd: the test registry as plain-HTTP docker.io mirror. */
    public static void writeConfig(DaemonDirs dirs, RegistryServer mirror) {
        String json = "{\"registry-mirrors\":[\"" + mirror.url() + "\"],"
                + "\"insecure-registries\":[\"" + mirror.address() + "\"]}\n";
        try {
            Files.createDirectories(dirs.root());
            Files.writeString(dirs.configFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line that runs skiffd on {@code dirs}, for tests that watch a start fail. */
    public static List<String> commandLine(DaemonDirs dirs) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the JVM options bin/skiffd runs the daemon with
                "@" + System.getProperty("skiff.jvmOptions", "../bin/skiffd.jvm"),
                "-cp", System.getProperty("java.class.path"),
                MAIN_CLASS,
                "--host", dirs.host(),
                "--data-root", dirs.dataRoot().toString(),
                "--exec-root", dirs.execRoot().toString(),
                "--config-file", dirs.configFile().toString(),
                "--log-level", "debug");
    }

    public DaemonDirs dirs() {
        return dirs;
    }

    public Path socket() {
        return dirs.socket();
    }

    /** {@code unix://<socket>}. */
    public String host() {
        return dirs.host();
    }

    /** The stock docker CLI bound to this daemon. */
    public DockerCli cli() {
        return cli;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits for exit; fails the test if skiffd does not stop in time. Returns the exit status. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("skiffd did not exit within " + SHUTDOWN + " of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            unregisterKillOnExit();
        }
        return process.exitValue();
    }

    /** SIGKILL: no chance to clean up, as in a crash. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        unregisterKillOnExit();
    }

    /** Stops skiffd if it runs, then starts it again on the same directories and socket. */
    public void restart() {
        if (process.isAlive()) {
            stop();
        }
        launch();
    }

    public String readLog() {
        try {
            return Files.readString(dirs.log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Log size in bytes: remember it before a step to show only what the daemon printed since. */
    public long logSize() {
        try {
            return Files.size(dirs.log());
        } catch (IOException e) {
            return 0;
        }
    }

    public String readLogFrom(long offset) {
        try {
            byte[] bytes = Files.readAllBytes(dirs.log());
            int from = (int) Math.min(offset, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Stops skiffd if it still runs (SIGTERM, SIGKILL if that fails), kills container processes a
     * killed daemon left behind, and deletes its directories (unmounting what it left mounted).
     */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                stop();
            } catch (AssertionError slow) {
                // stop() has already killed it; the directories still go
            }
        }
        Leftovers.killProcessesRootedBelow(dirs.root());
        TempDirs.deleteRecursively(dirs.root());
    }

    private void launch() {
        try {
            Files.writeString(dirs.log(), "=== harness: starting skiffd at " + Instant.now() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(commandLine(dirs));
            // as bin/skiffd does: layer file names are UTF-8 whatever the caller's locale
            pb.environment().put("LC_ALL", "C.UTF-8");
            process = pb
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(dirs.log().toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start skiffd", e);
        }
        Process started = process;
        killOnExit = new Thread(started::destroyForcibly, "skiffd-kill-" + started.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
        awaitPing();
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                unregisterKillOnExit();
                throw new IllegalStateException("skiffd exited with " + process.exitValue()
                        + " before answering /_ping:\n" + readLog());
            }
            if (Files.exists(dirs.socket())) {
                try {
                    UnixHttp.Response ping = UnixHttp.get(dirs.socket(), "/_ping");
                    if (ping.status() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    last = e; // socket file exists before listen(), or a stale one
                }
            }
            Waits.pause();
        }
        kill9();
        throw new IllegalStateException("skiffd did not answer /_ping within " + STARTUP
                + (last == null ? "" : " (last error: " + last + ")") + ":\n" + readLog());
    }

    private void unregisterKillOnExit() {
        if (killOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; nothing left to unregister
            }
            killOnExit = null;
        }
    }

}
