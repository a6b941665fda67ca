package dev.skiff.daemon.image.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Dockerfile instructions {@code docker import -c} and {@code docker commit -c} accept
 * (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL, ONBUILD), applied in
 * order to an image's container config (Docker JSON keys). Anything else is refused with
 * dockerd's message, before any work is done.
 */
public final class ConfigChanges {
    private static final Set<String> ALLOWED = Set.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "USER",
            "WORKDIR", "VOLUME", "STOPSIGNAL", "ONBUILD");

    /** One parsed instruction: its keyword (upper case) and the text after it. */
    public record Instruction(String keyword, String args) {
    }

    private final List<Instruction> instructions;

    private ConfigChanges(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    /** Parses each change (one instruction per entry; blank entries are skipped). */
    public static ConfigChanges parse(List<String> changes) {
        List<Instruction> out = new ArrayList<>();
        for (String change : changes == null ? List.<String>of() : changes) {
            String line = change.strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = indexOfWhitespace(line);
            String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : line.substring(space).strip();
            if (!ALLOWED.contains(keyword)) {
                throw EngineException.invalidParameter(keyword + " is not a valid change command");
            }
            out.add(new Instruction(keyword, args));
        }
        return new ConfigChanges(List.copyOf(out));
    }

    public List<Instruction> instructions() {
        return instructions;
    }

    /** Applies the instructions, in order, to {@code config} (the image's "config" object). */
    public void applyTo(ObjectNode config) {
        boolean cmdSet = false;
        for (Instruction i : instructions) {
            String a = i.args();
            switch (i.keyword()) {
                case "CMD" -> {
                    config.set("Cmd", command(a));
                    cmdSet = true;
                }
                case "ENTRYPOINT" -> {
                    config.set("Entrypoint", command(a));
                    if (!cmdSet) {
                        config.putNull("Cmd");   // as in a Dockerfile: ENTRYPOINT drops an inherited CMD
                    }
                }
                case "ENV" -> {
                    for (String[] kv : pairs(a, "ENV")) {
                        setEnv(config, kv[0], kv[1]);
                    }
                }
                case "LABEL" -> {
                    ObjectNode labels = objectField(config, "Labels");
                    for (String[] kv : pairs(a, "LABEL")) {
                        labels.put(kv[0], kv[1]);
                    }
                }
                case "EXPOSE" -> {
                    ObjectNode ports = objectField(config, "ExposedPorts");
                    for (String p : Words.split(a)) {
                        for (String port : ports(p)) {
                            ports.putObject(port);
                        }
                    }
                }
                case "VOLUME" -> {
                    ObjectNode volumes = objectField(config, "Volumes");
                    List<String> paths = a.startsWith("[") ? jsonStrings(a) : Words.split(a);
                    for (String v : paths) {
                        if (v.isBlank()) {
                            throw EngineException.invalidParameter("VOLUME specified can not be an empty string");
                        }
                        volumes.putObject(v);
                    }
                }
                case "USER" -> config.put("User", single(a, "USER"));
                case "WORKDIR" -> {
                    String dir = single(a, "WORKDIR");
                    String current = config.path("WorkingDir").asText("");
                    config.put("WorkingDir", dir.startsWith("/") || current.isEmpty()
                            ? normalize(dir) : normalize(current + "/" + dir));
                }
                case "STOPSIGNAL" -> config.put("StopSignal", single(a, "STOPSIGNAL"));
                case "ONBUILD" -> {
                    String trigger = a.strip();
                    String keyword = trigger.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
                    if (keyword.equals("ONBUILD") || keyword.equals("FROM") || keyword.equals("MAINTAINER")) {
                        throw EngineException.invalidParameter(keyword + " isn't allowed as an ONBUILD trigger");
                    }
                    arrayField(config, "OnBuild").add(trigger);
                }
                default -> throw new IllegalStateException(i.keyword());
            }
        }
    }

    /** JSON form (exec) as given; any other text is the shell form, run by /bin/sh -c. */
    private static ArrayNode command(String args) {
        if (args.startsWith("[")) {
            try {
                JsonNode n = Json.MAPPER.readTree(args);
                if (n.isArray() && allStrings(n)) {
                    return (ArrayNode) n;
                }
            } catch (JsonProcessingException notJson) {
                // falls back to the shell form, as the Dockerfile parser does
            }
        }
        ArrayNode shell = Json.MAPPER.createArrayNode();
        shell.add("/bin/sh").add("-c").add(args);
        return shell;
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> jsonStrings(String args) {
        try {
            JsonNode n = Json.MAPPER.readTree(args);
            if (n.isArray() && allStrings(n)) {
                List<String> out = new ArrayList<>();
                n.forEach(e -> out.add(e.asText()));
                return out;
            }
        } catch (JsonProcessingException notJson) {
            // below
        }
        return Words.split(args);
    }

    /** key=value pairs (quoted values allowed), or the legacy "key value with spaces" form. */
    private static List<String[]> pairs(String args, String keyword) {
        List<String> words = Words.split(args);
        if (words.isEmpty()) {
            throw EngineException.invalidParameter(keyword + " requires at least one argument");
        }
        List<String[]> out = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            String[] legacy = args.strip().split("\\s+", 2);
            if (legacy.length < 2) {
                throw EngineException.invalidParameter(keyword + " must have two arguments");
            }
            out.add(new String[] {legacy[0], Words.unquote(legacy[1].strip())});
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw EngineException.invalidParameter("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
            }
            out.add(new String[] {w.substring(0, eq), w.substring(eq + 1)});
        }
        return out;
    }

    private static void setEnv(ObjectNode config, String key, String value) {
        ArrayNode env = arrayField(config, "Env");
        for (int i = 0; i < env.size(); i++) {
            String e = env.get(i).asText();
            if (e.equals(key) || e.startsWith(key + "=")) {
                env.set(i, key + "=" + value);
                return;
            }
        }
        env.add(key + "=" + value);
    }

    /** EXPOSE 80, 53/udp, 8000-8002/tcp: every port with its protocol. */
    private static List<String> ports(String spec) {
        String proto = "tcp";
        String range = spec;
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            range = spec.substring(0, slash);
        }
        if (!Set.of("tcp", "udp", "sctp").contains(proto)) {
            throw EngineException.invalidParameter("invalid proto: " + proto);
        }
        String[] ends = range.split("-", 2);
        try {
            int from = Integer.parseInt(ends[0]);
            int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
            if (from < 0 || to > 65535 || to < from) {
                throw new NumberFormatException(range);
            }
            List<String> out = new ArrayList<>();
            for (int p = from; p <= to; p++) {
                out.add(p + "/" + proto);
            }
            return out;
        } catch (NumberFormatException e) {
            throw EngineException.invalidParameter("invalid containerPort: " + range);
        }
    }

    private static String single(String args, String keyword) {
        List<String> words = Words.split(args);
        if (words.size() != 1) {
            throw EngineException.invalidParameter(keyword + " requires exactly one argument");
        }
        return words.get(0);
    }

    private static String normalize(String path) {
        String n = java.nio.file.Path.of(path).normalize().toString();
        return n.isEmpty() ? "/" : n;
    }

    private static ObjectNode objectField(ObjectNode config, String name) {
        JsonNode n = config.get(name);
        return n instanceof ObjectNode o ? o : config.putObject(name);
    }

    private static ArrayNode arrayField(ObjectNode config, String name) {
        JsonNode n = config.get(name);
        return n instanceof ArrayNode a ? a : config.putArray(name);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
