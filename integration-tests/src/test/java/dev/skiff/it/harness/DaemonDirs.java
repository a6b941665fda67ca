package dev.skiff.it.harness;

import java.nio.file.Path;

/**
 * Where one skiffd keeps everything: all under one scratch directory, so a test daemon never
 * touches /var/lib/skiff or /run/skiff and a restart finds its state again.
 */
public record DaemonDirs(Path root, Path socket, Path dataRoot, Path execRoot, Path configFile, Path log) {

    public static DaemonDirs in(Path root) {
        return new DaemonDirs(root, root.resolve("skiff.sock"), root.resolve("data"), root.resolve("exec"),
                root.resolve("daemon.json"), root.resolve("skiffd.log"));
    }

    /** The same layout but listening on {@code other}: for a second daemon contending for one socket. */
    public DaemonDirs withSocket(Path other) {
        return new DaemonDirs(root, other, dataRoot, execRoot, configFile, log);
    }

    /** {@code unix://<socket>}, for DOCKER_HOST and skiffd's --host. */
    public String host() {
        return "unix://" + socket;
    }
}
