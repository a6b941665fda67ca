package dev.skiff.it.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stock docker CLI bound to one daemon socket, with a private, initially empty
 * DOCKER_CONFIG so nothing from the machine's own docker setup (contexts, credentials,
 * detach keys) leaks into a test.
 */
public final class DockerCli {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final Path STOCK = Path.of("/usr/local/bin/docker");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final Path configDir;
    private final Map<String, String> extraEnv;

    /**
     * @param host      {@code unix://<socket>}
     * @param configDir DOCKER_CONFIG; created empty if missing
     */
    public DockerCli(String host, Path configDir) {
        this(host, configDir, Map.of());
    }

    private DockerCli(String host, Path configDir, Map<String, String> extraEnv) {
        this.host = host;
        this.configDir = configDir;
        this.extraEnv = extraEnv;
        try {
            Files.createDirectories(configDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The docker binary: /usr/local/bin/docker if present, else the first {@code docker} on PATH. */
    public static Path binary() {
        if (Files.isExecutable(STOCK)) {
            return STOCK;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "docker");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docker CLI at " + STOCK + " or on PATH (bin/test installs one)");
    }

    /** The same CLI with one more environment variable, e.g. DOCKER_API_VERSION to pin the API version. */
    public DockerCli withEnv(String name, String value) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put(name, value);
        return new DockerCli(host, configDir, Map.copyOf(env));
    }

    public CommandResult run(String... args) {
        return run(null, DEFAULT_TIMEOUT, args);
    }

    /**
     * Runs a command that prints JSON (e.g. {@code inspect busybox}, {@code version --format
     * '{{json .}}'}), fails the test unless it exits 0, and parses what it printed.
     */
    public JsonNode json(String... args) {
        CommandResult result = run(args).assertSuccess();
        try {
            return JSON.readTree(result.stdout());
        } catch (JsonProcessingException e) {
            throw new AssertionError(result.describe("printed no JSON: " + e.getOriginalMessage()), e);
        }
    }

    /** Runs {@code docker args...} with {@code stdin} (null: /dev/null) and fails the test after {@code timeout}. */
    public CommandResult run(byte[] stdin, Duration timeout, String... args) {
        return Commands.run(command(args), environment(), stdin, timeout);
    }

    /** Starts {@code docker args...} on a 100x30 terminal, for TTY tests. */
    public TerminalSession terminal(String... args) {
        return TerminalSession.start(environment(), command(args));
    }

    public List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * DOCKER_HOST and DOCKER_CONFIG set; variables that would redirect the CLI elsewhere removed
     * (null) unless this CLI was made {@link #withEnv with} them.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", host);
        env.put("DOCKER_CONFIG", configDir.toString());
        for (String unwanted : List.of("DOCKER_CONTEXT", "DOCKER_API_VERSION", "DOCKER_TLS_VERIFY",
                "DOCKER_CERT_PATH", "DOCKER_DEFAULT_PLATFORM", "DOCKER_CLI_HINTS")) {
            env.put(unwanted, null);
        }
        env.putAll(extraEnv);
        return env;
    }

    public Path configDir() {
        return configDir;
    }
}
