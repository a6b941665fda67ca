package dev.skiff.runtime;

import java.util.List;
import java.util.Objects;

/**
 * The program to run inside a container, for its first process or an exec.
 *
 * @param args        argv; {@code args.get(0)} is resolved like runc does: a name containing '/' is used
 *                    as is, any other name is searched in the {@code PATH} of {@code env} (inside the
 *                    container's root)
 * @param env         environment as {@code NAME=value} entries, passed unchanged
 * @param cwd         absolute working directory inside the container; for a container start it is created
 *                    (mode 0755, owned by root) when missing, as dockerd does; an exec fails when it is missing
 * @param uid         user id the program runs as
 * @param gid         primary group id
 * @param additionalGids supplementary groups (may be empty)
 * @param tty         allocate a terminal: the program's fds 0, 1 and 2 are the slave side and it is its
 *                    controlling terminal; the caller gets the master
 * @param consoleSize initial terminal size; used only with {@code tty}, null keeps the kernel default (0x0)
 * @param openStdin   give the caller a writable stdin; without it fd 0 is /dev/null (or the terminal)
 */
public record ProcessSpec(List<String> args, List<String> env, String cwd, int uid, int gid,
                          List<Integer> additionalGids, boolean tty, ConsoleSize consoleSize,
                          boolean openStdin) {
    public ProcessSpec {
        args = List.copyOf(args);
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("a process needs a non-empty args[0]");
        }
        env = List.copyOf(env);
        Objects.requireNonNull(cwd, "cwd");
        if (!cwd.startsWith("/")) {
            throw new IllegalArgumentException("cwd must be absolute: " + cwd);
        }
        additionalGids = List.copyOf(additionalGids);
    }

    /** Terminal size in character cells. */
    public record ConsoleSize(int rows, int cols) {
        public ConsoleSize {
            if (rows < 0 || cols < 0 || rows > 0xffff || cols > 0xffff) {
                throw new IllegalArgumentException("console size out of range: " + rows + "x" + cols);
            }
        }
    }
}
