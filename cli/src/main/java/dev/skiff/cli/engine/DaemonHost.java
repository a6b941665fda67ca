package dev.skiff.cli.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon listens. Precedence: {@code --host/-H}, then {@code SKIFF_HOST}, then
 * {@code DOCKER_HOST} when it names a Unix socket, then skiffd's default socket.
 */
public record DaemonHost(Path socket) {
    public static final Path DEFAULT_SOCKET = Path.of("/run/skiff/skiff.sock");
    private static final String UNIX_SCHEME = "unix://";

    public static DaemonHost resolve(String hostFlag, Map<String, String> env) {
        if (hostFlag != null) {
            return fromUrl(hostFlag);
        }
        String skiffHost = env.get("SKIFF_HOST");
        if (skiffHost != null && !skiffHost.isEmpty()) {
            return fromUrl(skiffHost);
        }
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && dockerHost.startsWith(UNIX_SCHEME)) {
            return fromUrl(dockerHost);
        }
        return new DaemonHost(DEFAULT_SOCKET);
    }

    static DaemonHost fromUrl(String url) {
        if (!url.startsWith(UNIX_SCHEME) || url.length() == UNIX_SCHEME.length()) {
            throw new IllegalArgumentException(
                    "invalid host \"" + url + "\": skiff only connects to unix:// sockets (unix:///path/to.sock)");
        }
        return new DaemonHost(Path.of(url.substring(UNIX_SCHEME.length())));
    }

    public String url() {
        return UNIX_SCHEME + socket;
    }
}
