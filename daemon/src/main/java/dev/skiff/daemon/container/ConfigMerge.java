package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** dockerd's merge of a create request's Config with the image config, done once at create. */
public final class ConfigMerge {
    private ConfigMerge() {
    }

    /**
     * @param requested the client's Config
     * @param image     the image's defaults
     * @param imageRef  the reference as typed (kept as Config.Image)
     * @param hostname  the hostname to use when the client gave none
     */
    public static ContainerConfig merge(ContainerConfig requested, ImageForContainer.ImageConfig image,
                                        String imageRef, String hostname) {
        List<String> entrypoint = requested.entrypoint();
        List<String> cmd = requested.cmd();
        if (entrypoint == null || entrypoint.isEmpty()) {
            if (cmd == null || cmd.isEmpty()) {
                cmd = image.cmd();
            }
            if (entrypoint == null) {
                entrypoint = image.entrypoint();
            }
        }
        if ((entrypoint == null || entrypoint.isEmpty()) && (cmd == null || cmd.isEmpty())) {
            throw EngineException.invalidParameter("No command specified");
        }
        String workingDir = requested.workingDir().isEmpty() ? nz(image.workingDir()) : requested.workingDir();
        if (!workingDir.isEmpty() && !workingDir.startsWith("/")) {
            throw EngineException.invalidParameter("the working directory '" + workingDir
                    + "' is invalid, it needs to be an absolute path");
        }
        return new ContainerConfig(
                requested.hostname().isEmpty() ? hostname : requested.hostname(),
                requested.domainname(),
                requested.user().isEmpty() ? nz(image.user()) : requested.user(),
                requested.attachStdin(), requested.attachStdout(), requested.attachStderr(),
                mergeMaps(image.exposedPorts(), requested.exposedPorts()),
                requested.tty(), requested.openStdin(), requested.stdinOnce(),
                mergeEnv(requested.env(), image.env()),
                cmd,
                imageRef,
                mergeMaps(image.volumes(), requested.volumes()),
                workingDir,
                entrypoint,
                requested.onBuild(),
                mergeMaps(image.labels(), requested.labels()),
                requested.stopSignal() == null || requested.stopSignal().isEmpty()
                        ? image.stopSignal() : requested.stopSignal(),
                requested.stopTimeout());
    }

    /** The client's entries first, then the image's entries whose name the client did not set. */
    static List<String> mergeEnv(List<String> requested, List<String> image) {
        if (requested == null || requested.isEmpty()) {
            return image;
        }
        List<String> out = new ArrayList<>(requested);
        for (String imageEnv : image == null ? List.<String>of() : image) {
            String key = envKey(imageEnv);
            if (requested.stream().noneMatch(e -> envKey(e).equals(key))) {
                out.add(imageEnv);
            }
        }
        return out;
    }

    static String envKey(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }

    private static <V> Map<String, V> mergeMaps(Map<String, V> base, Map<String, V> over) {
        if ((base == null || base.isEmpty()) && over == null) {
            return null;
        }
        Map<String, V> out = new LinkedHashMap<>();
        if (base != null) {
            out.putAll(base);
        }
        if (over != null) {
            out.putAll(over);
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
