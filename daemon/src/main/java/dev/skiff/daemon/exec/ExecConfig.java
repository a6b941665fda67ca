package dev.skiff.daemon.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.attach.DetachKeys;
import dev.skiff.daemon.errors.EngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code POST /containers/{id}/exec} asks for.
 *
 * @param cmd         argv, never empty
 * @param env         {@code NAME=value} entries laid over the container's environment
 * @param workingDir  empty for the container's working directory
 * @param user        empty for the container's user
 * @param consoleSize initial terminal size as [rows, cols], or null
 */
public record ExecConfig(List<String> cmd, List<String> env, String workingDir, String user, boolean tty,
                         boolean attachStdin, boolean attachStdout, boolean attachStderr, String detachKeys,
                         boolean privileged, int[] consoleSize) {
    public ExecConfig {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }

    /** Reads the create body; dockerd's 400 texts for a missing command or a relative working directory. */
    public static ExecConfig parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw EngineException.invalidParameter("No exec command specified");
        }
        List<String> cmd = strings(body.get("Cmd"));
        if (cmd.isEmpty()) {
            throw EngineException.invalidParameter("No exec command specified");
        }
        String workingDir = text(body.get("WorkingDir"));
        if (!workingDir.isEmpty() && !workingDir.startsWith("/")) {
            throw EngineException.invalidParameter("working directory '" + workingDir + "' is invalid, it needs to be an absolute path");
        }
        boolean privileged = body.path("Privileged").asBoolean(false);
        if (privileged) {
            throw EngineException.invalidParameter("privileged exec is not supported");
        }
        String detachKeys = text(body.get("DetachKeys"));
        try {
            DetachKeys.parse(detachKeys);
        } catch (IllegalArgumentException e) {
            // a plain error in dockerd, hence a 500
            throw EngineException.system("Invalid escape keys (" + detachKeys + ") provided");
        }
        int[] consoleSize = null;
        JsonNode size = body.get("ConsoleSize");
        if (size != null && size.isArray() && size.size() == 2 && size.get(0).asInt() > 0 && size.get(1).asInt() > 0) {
            consoleSize = new int[] {size.get(0).asInt(), size.get(1).asInt()};
        }
        return new ExecConfig(cmd, strings(body.get("Env")), workingDir, text(body.get("User")),
                body.path("Tty").asBoolean(false), body.path("AttachStdin").asBoolean(false),
                body.path("AttachStdout").asBoolean(false), body.path("AttachStderr").asBoolean(false),
                detachKeys, false, consoleSize);
    }

    /** This config with the container's user when it names none (dockerd records and shows that one). */
    public ExecConfig withDefaultUser(String containerUser) {
        return user.isEmpty() ? new ExecConfig(cmd, env, workingDir, containerUser, tty, attachStdin, attachStdout,
                attachStderr, detachKeys, privileged, consoleSize) : this;
    }

    /** How dockerd names the command in exec events: entrypoint, a space, the arguments joined by spaces. */
    public String commandLine() {
        return cmd.get(0) + " " + String.join(" ", cmd.subList(1, cmd.size()));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        } else if (n != null && n.isTextual()) {
            out.add(n.asText());
        }
        return out;
    }
}
