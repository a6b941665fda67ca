package dev.skiff.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The daemon's effective settings: defaults, then /etc/skiff/daemon.json, then command-line
 * flags, each overriding the one before (as dockerd does).
 *
 * @param host              the Unix socket path the API listens on
 * @param dataRoot          persistent state (images, containers)
 * @param execRoot          runtime state (socket, merged rootfs mounts)
 * @param registryMirrors   mirror endpoints tried first for docker.io, as URLs
 * @param insecureRegistries registries reached over plain HTTP ("host:port" or CIDR)
 * @param logLevel          debug, info, warn, error, fatal
 * @param logOpts           json-file log options (max-size, max-file)
 */
public record DaemonConfig(
        Path host,
        Path dataRoot,
        Path execRoot,
        List<String> registryMirrors,
        List<String> insecureRegistries,
        String logLevel,
        Map<String, String> logOpts) {

    public static final Path DEFAULT_SOCKET = Path.of("/run/skiff/skiff.sock");
    public static final Path DEFAULT_DATA_ROOT = Path.of("/var/lib/skiff");
    public static final Path DEFAULT_EXEC_ROOT = Path.of("/run/skiff");
    public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/skiff/daemon.json");

    public static DaemonConfig defaults() {
        return new DaemonConfig(DEFAULT_SOCKET, DEFAULT_DATA_ROOT, DEFAULT_EXEC_ROOT,
                List.of(), List.of(), "info", Map.of());
    }
}
