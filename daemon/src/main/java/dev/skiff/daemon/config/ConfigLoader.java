package dev.skiff.daemon.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link DaemonConfig} from command-line arguments and daemon.json. Flags use dockerd's
 * spelling ({@code --host}/{@code -H}, {@code --data-root}, ...); a missing config file means
 * defaults, a malformed one or an unknown flag is an error that stops the daemon.
 */
public final class ConfigLoader {
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error", "fatal");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigLoader() {
    }

    public static DaemonConfig load(String[] args) throws ConfigException {
        Map<String, List<String>> flags = parseFlags(args);
        Path configFile = flags.containsKey("config-file")
                ? Path.of(last(flags, "config-file")) : DaemonConfig.DEFAULT_CONFIG_FILE;
        DaemonConfig base = fromFile(configFile, DaemonConfig.defaults());
        return applyFlags(base, flags);
    }

    static Map<String, List<String>> parseFlags(String[] args) throws ConfigException {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            if (arg.equals("-H")) {
                name = "host";
                value = i + 1 < args.length ? args[++i] : null;
            } else if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                value = eq < 0 ? (i + 1 < args.length ? args[++i] : null) : arg.substring(eq + 1);
            } else {
                throw new ConfigException("unknown argument: " + arg);
            }
            switch (name) {
                case "host", "data-root", "exec-root", "config-file", "log-level",
                        "registry-mirror", "insecure-registry" -> {
                }
                default -> throw new ConfigException("unknown flag: --" + name);
            }
            if (value == null) {
                throw new ConfigException("flag needs an argument: --" + name);
            }
            flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return flags;
    }

    static DaemonConfig fromFile(Path file, DaemonConfig base) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return base;
        } catch (IOException e) {
            throw new ConfigException("unable to read configuration file " + file + ": " + e.getMessage());
        }
        return fromJson(bytes, file.toString(), base);
    }

    static DaemonConfig fromJson(byte[] bytes, String source, DaemonConfig base) throws ConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigException("unable to configure the daemon with file " + source + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("unable to read configuration file " + source + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return base;
        }
        if (!root.isObject()) {
            throw new ConfigException("unable to configure the daemon with file " + source
                    + ": the configuration must be a JSON object");
        }
        Path host = base.host();
        if (root.has("hosts")) {
            List<String> hosts = stringList(root.get("hosts"), "hosts", source);
            if (hosts.size() != 1) {
                throw new ConfigException("skiffd listens on exactly one unix socket; \"hosts\" in "
                        + source + " lists " + hosts.size());
            }
            host = socketPath(hosts.get(0));
        }
        Map<String, String> logOpts = base.logOpts();
        if (root.has("log-opts")) {
            JsonNode opts = root.get("log-opts");
            if (!opts.isObject()) {
                throw new ConfigException("\"log-opts\" in " + source + " must be an object");
            }
            Map<String, String> m = new LinkedHashMap<>();
            opts.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            logOpts = Map.copyOf(m);
        }
        return new DaemonConfig(
                host,
                root.has("data-root") ? Path.of(root.get("data-root").asText()) : base.dataRoot(),
                root.has("exec-root") ? Path.of(root.get("exec-root").asText()) : base.execRoot(),
                root.has("registry-mirrors") ? stringList(root.get("registry-mirrors"), "registry-mirrors", source)
                        : base.registryMirrors(),
                root.has("insecure-registries")
                        ? stringList(root.get("insecure-registries"), "insecure-registries", source)
                        : base.insecureRegistries(),
                root.has("log-level") ? checkLogLevel(root.get("log-level").asText()) : base.logLevel(),
                logOpts);
    }

    static DaemonConfig applyFlags(DaemonConfig c, Map<String, List<String>> flags) throws ConfigException {
        Path host = flags.containsKey("host") ? socketPath(last(flags, "host")) : c.host();
        return new DaemonConfig(
                host,
                flags.containsKey("data-root") ? Path.of(last(flags, "data-root")) : c.dataRoot(),
                flags.containsKey("exec-root") ? Path.of(last(flags, "exec-root")) : c.execRoot(),
                flags.containsKey("registry-mirror") ? List.copyOf(flags.get("registry-mirror")) : c.registryMirrors(),
                flags.containsKey("insecure-registry") ? List.copyOf(flags.get("insecure-registry"))
                        : c.insecureRegistries(),
                flags.containsKey("log-level") ? checkLogLevel(last(flags, "log-level")) : c.logLevel(),
                c.logOpts());
    }

    static Path socketPath(String host) throws ConfigException {
        if (!host.startsWith("unix://") || host.length() <= "unix://".length()) {
            throw new ConfigException("invalid host " + host + ": skiffd listens on unix:///path only");
        }
        return Path.of(host.substring("unix://".length()));
    }

    private static String checkLogLevel(String level) throws ConfigException {
        if (!LOG_LEVELS.contains(level)) {
            throw new ConfigException("unable to parse logging level: " + level);
        }
        return level;
    }

    private static List<String> stringList(JsonNode node, String key, String source) throws ConfigException {
        if (!node.isArray()) {
            throw new ConfigException("\"" + key + "\" in " + source + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new ConfigException("\"" + key + "\" in " + source + " must be a list of strings");
            }
            out.add(n.asText());
        }
        return List.copyOf(out);
    }

    private static String last(Map<String, List<String>> flags, String name) {
        List<String> v = flags.get(name);
        return v.get(v.size() - 1);
    }

    /** A configuration the daemon refuses to start with. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }
}
