package dev.skiff.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker registry (Debian's docker-registry, i.e. distribution 2.x) on a free loopback
 * port with its own storage, for the duration of a test run. Optionally protected with
 * htpasswd (bcrypt) basic auth, for login tests.
 */
public final class RegistryServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Path dir;
    private final int port;
    private final Credentials credentials;
    private final Process process;
    private final Thread killOnExit;

    /** A user the htpasswd-protected registry accepts. */
    public record Credentials(String user, String password) {
    }

    private RegistryServer(Path dir, int port, Credentials credentials, Process process) {
        this.dir = dir;
        this.port = port;
        this.credentials = credentials;
        this.process = process;
        this.killOnExit = new Thread(process::destroyForcibly, "registry-kill-" + port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts an open registry (anyone may push and pull). */
    public static RegistryServer start() {
        return start(null);
    }

    /** Starts a registry that demands {@code credentials} (HTTP basic, checked against a bcrypt htpasswd file). */
    public static RegistryServer startWithAuth(Credentials credentials) {
        return start(credentials);
    }

    private static RegistryServer start(Credentials credentials) {
        Path dir = TempDirs.create("registry");
        int port = FreePorts.pick();
        try {
            Path storage = Files.createDirectory(dir.resolve("storage"));
            StringBuilder yml = new StringBuilder()
                    .append("version: 0.1\n")
                    .append("log:\n  level: info\n  accesslog:\n    disabled: true\n")
                    .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append('\n')
                    .append("  delete:\n    enabled: true\n")
                    .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
            if (credentials != null) {
                Path htpasswd = dir.resolve("htpasswd");
                Commands.run(List.of("htpasswd", "-B", "-b", "-c", htpasswd.toString(),
                        credentials.user(), credentials.password()), Duration.ofSeconds(30)).assertSuccess();
                yml.append("auth:\n  htpasswd:\n    realm: skiff-test\n    path: ").append(htpasswd).append('\n');
            }
            Path config = dir.resolve("config.yml");
            Files.writeString(config, yml);
            Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile())
                    .start();
            RegistryServer server = new RegistryServer(dir, port, credentials, process);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    /** {@code 127.0.0.1:PORT}, the form daemon.json's insecure-registries and image references use. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT}, the form daemon.json's registry-mirrors uses. */
    public URI url() {
        return URI.create("http://" + address());
    }

    public int port() {
        return port;
    }

    /** The accepted credentials, or null for an open registry. */
    public Credentials credentials() {
        return credentials;
    }

    public Path log() {
        return dir.resolve("registry.log");
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(url().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue()
                        + ":\n" + readLog());
            }
            try {
                int status = http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                // 401 is the healthy answer of a registry that demands credentials.
                if (status == 200 || (credentials != null && status == 401)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Waits.pause();
        }
        close();
        throw new IllegalStateException("docker-registry did not answer GET /v2/ within " + STARTUP
                + ":\n" + readLog());
    }

    public String readLog() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; nothing left to unregister
        }
        TempDirs.deleteRecursively(dir);
    }

}
