package dev.skiff.runtime.spawn;

import dev.skiff.runtime.ProcessStartException;
import dev.skiff.runtime.ProcessStartException.Reason;
import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.Linux;

import java.util.List;

/**
 * Finds the program of args[0] the way runc does (Go's exec.LookPath run inside the container): a name
 * with a '/' is checked as is, any other name is searched in PATH. Failures carry runc's texts, which the
 * docker CLI turns into exit statuses 127 and 126.
 */
public final class ExecutableLookup {
    private ExecutableLookup() {
    }

    /**
     * @param name  args[0]
     * @param env   the process environment (its PATH is used; none means an empty search path)
     * @param cwd   the working directory, for relative names and relative PATH entries
     * @param probe stats paths in the container's view
     * @return the path to execute (relative names stay relative to cwd)
     */
    public static String resolve(String name, List<String> env, String cwd, FileProbe probe)
            throws ProcessStartException {
        if (name.contains("/")) {
            int mode = probe.mode(absolute(name, cwd));
            String problem = problem(mode);
            if (problem == null) {
                return name;
            }
            if (mode < 0) {
                problem = "stat " + name + ": " + problem;
            }
            throw failure(name, problem);
        }
        for (String dir : searchPath(env).split(":", -1)) {
            String candidate = (dir.isEmpty() ? "." : dir) + "/" + name;
            if (problem(probe.mode(absolute(candidate, cwd))) == null) {
                return dir.isEmpty() ? "./" + name : candidate;
            }
        }
        throw failure(name, "executable file not found in $PATH");
    }

    private static String searchPath(List<String> env) {
        for (String entry : env) {
            if (entry.startsWith("PATH=")) {
                return entry.substring(5);
            }
        }
        return "";
    }

    /** Go's findExecutable: null when runnable, else the error text. */
    private static String problem(int mode) {
        if (mode < 0) {
            return Errno.text(-mode);
        }
        if ((mode & Linux.S_IFMT) == Linux.S_IFDIR) {
            return Errno.text(Errno.EISDIR);
        }
        return (mode & 0111) != 0 ? null : Errno.text(Errno.EACCES);
    }

    private static String absolute(String path, String cwd) {
        return path.startsWith("/") ? path : (cwd.endsWith("/") ? cwd : cwd + "/") + path;
    }

    private static ProcessStartException failure(String name, String problem) {
        String message = "exec: \"" + name + "\": " + problem;
        return new ProcessStartException(reasonOf(message), StartFailures.exitCode(message), message);
    }

    private static Reason reasonOf(String message) {
        return message.endsWith(Errno.text(Errno.EACCES)) || message.endsWith(Errno.text(Errno.EISDIR))
                ? Reason.NOT_EXECUTABLE : Reason.EXECUTABLE_NOT_FOUND;
    }
}
