package dev.skiff.daemon.container;

import java.util.ArrayList;
import java.util.List;

/** A container's program as Path + Args (Entrypoint then Cmd) and as the one-line Command of ps. */
public final class CommandLine {
    private CommandLine() {
    }

    public static List<String> argv(ContainerConfig c) {
        List<String> argv = new ArrayList<>();
        if (c.entrypoint() != null) {
            argv.addAll(c.entrypoint());
        }
        if (c.cmd() != null) {
            argv.addAll(c.cmd());
        }
        return argv;
    }

    /** dockerd 20.10's Command column: the path and the arguments joined by single spaces, unquoted. */
    public static String command(String path, List<String> args) {
        if (args == null || args.isEmpty()) {
            return path;
        }
        return path + " " + String.join(" ", args);
    }
}
