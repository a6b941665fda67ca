package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.runtime.BindMount;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code HostConfig.Binds} ({@code -v /host:/ctr[:ro]}) as bind mounts. Named volumes are not supported. */
public final class Binds {
    private static final Set<String> IGNORED_MODES = Set.of("z", "Z", "rprivate", "private", "rshared", "shared",
            "rslave", "slave", "nocopy", "consistent", "cached", "delegated");

    private Binds() {
    }

    public static List<BindMount> parse(List<String> binds) {
        List<BindMount> out = new ArrayList<>();
        if (binds == null) {
            return out;
        }
        for (String spec : binds) {
            out.add(parseOne(spec));
        }
        return out;
    }

    static BindMount parseOne(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw EngineException.invalidParameter("invalid volume specification: '" + spec + "'");
        }
        String source = parts[0];
        String destination = parts[1];
        if (!source.startsWith("/")) {
            throw EngineException.invalidParameter("create " + source
                    + ": named volumes are not supported, use an absolute host path");
        }
        if (!destination.startsWith("/")) {
            throw EngineException.invalidParameter("invalid volume specification: '" + spec
                    + "': invalid mount config for type \"bind\": invalid mount path: '" + destination
                    + "' mount path must be absolute");
        }
        if (destination.equals("/")) {
            throw EngineException.invalidParameter("invalid volume specification: '" + spec
                    + "': invalid mount config for type \"bind\": invalid specification: destination can't be '/'");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            for (String mode : parts[2].split(",")) {
                switch (mode) {
                    case "ro" -> readOnly = true;
                    case "rw" -> readOnly = false;
                    default -> {
                        if (!IGNORED_MODES.contains(mode)) {
                            throw EngineException.invalidParameter("invalid mode: " + parts[2]);
                        }
                    }
                }
            }
        }
        return new BindMount(source, destination, readOnly);
    }
}
