package dev.skiff.daemon.container;

import java.util.List;
import java.util.Map;

/**
 * The Engine API's container {@code Config}: as the client sent it at create, then merged with the
 * image's config (env, command, working dir, user, labels, stop signal) the way dockerd does.
 */
public record ContainerConfig(String hostname, String domainname, String user, boolean attachStdin,
                              boolean attachStdout, boolean attachStderr, Map<String, Object> exposedPorts,
                              boolean tty, boolean openStdin, boolean stdinOnce, List<String> env,
                              List<String> cmd, String image, Map<String, Object> volumes, String workingDir,
                              List<String> entrypoint, List<String> onBuild, Map<String, String> labels,
                              String stopSignal, Integer stopTimeout) {
    public ContainerConfig {
        hostname = hostname == null ? "" : hostname;
        domainname = domainname == null ? "" : domainname;
        user = user == null ? "" : user;
        image = image == null ? "" : image;
        workingDir = workingDir == null ? "" : workingDir;
        labels = labels == null ? Map.of() : labels;
    }

    /** dockerd's default for {@code StopSignal}. */
    public String effectiveStopSignal() {
        return stopSignal == null || stopSignal.isEmpty() ? "SIGTERM" : stopSignal;
    }

    /** Seconds between the stop signal and SIGKILL when the client gives none (dockerd: 10). */
    public int effectiveStopTimeout() {
        return stopTimeout == null ? 10 : stopTimeout;
    }
}
