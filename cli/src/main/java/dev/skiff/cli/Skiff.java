package dev.skiff.cli;

import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
import dev.skiff.cli.command.CliContext;
import dev.skiff.cli.command.Command;
import dev.skiff.cli.command.CommandSpec;
import dev.skiff.cli.command.CommandTable;
import dev.skiff.cli.engine.ApiVersion;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.DaemonHost;
import dev.skiff.cli.engine.DaemonUnreachableException;
import dev.skiff.cli.engine.EngineClient;
import dev.skiff.cli.engine.StreamErrorException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code skiff} command line. {@link #run} is the whole program with its streams and
 * environment passed in, so tests drive it in-process; {@link #main} only binds it to the JVM's.
 */
public final class Skiff {
    /** Exit status for a command line that cannot be parsed, as docker uses. */
    static final int USAGE_ERROR = 125;

    private Skiff() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /** Runs one command line against the daemon named by the flags or the process environment. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, System.getenv());
    }

    /** As {@link #run(String[], InputStream, PrintStream, PrintStream)} with an explicit environment. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            return dispatch(List.of(args), in, out, err, env);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(List<String> args, InputStream in, PrintStream out, PrintStream err,
                                Map<String, String> env) {
        CommandTable table = CommandTable.standard();
        String hostFlag = null;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(table.overview());
                return 0;
            } else if (arg.equals("-H") || arg.equals("--host")) {
                if (i + 1 >= args.size()) {
                    return globalUsageError(err, "flag needs an argument: " + arg);
                }
                hostFlag = args.get(++i);
            } else if (arg.startsWith("--host=")) {
                hostFlag = arg.substring("--host=".length());
            } else {
                return globalUsageError(err, "unknown flag: " + arg);
            }
            i++;
        }
        List<String> rest = args.subList(i, args.size());
        if (rest.isEmpty()) {
            out.print(table.overview());
            return 0;
        }
        Optional<CommandTable.Match> match = table.find(rest);
        if (match.isEmpty()) {
            err.println("skiff: unknown command: skiff " + rest.get(0));
            err.println();
            err.println("Run 'skiff --help' for more information");
            return 1;
        }
        Command command = match.get().command();
        List<String> commandArgs = rest.subList(match.get().words(), rest.size());
        DaemonHost host;
        try {
            host = DaemonHost.resolve(hostFlag, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE_ERROR;
        }
        ApiVersion pinned;
        try {
            pinned = pinnedVersion(env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE_ERROR;
        }
        CliContext ctx = new CliContext(in, out, err, env, Clock.systemUTC(),
                () -> new EngineClient(host, pinned, ClientVersion.userAgent()));
        return execute(command, commandArgs, ctx);
    }

    private static int execute(Command command, List<String> args, CliContext ctx) {
        CommandSpec spec = command.spec();
        if (args.contains("--help") && (spec.interspersed() || args.indexOf("--help") == 0)) {
            ctx.out().print(spec.help());
            return 0;
        }
        ParsedArgs parsed;
        try {
            parsed = spec.parser().parse(args);
        } catch (UsageException e) {
            ctx.err().print(spec.flagError(e.getMessage()));
            return USAGE_ERROR;
        }
        String countError = spec.argumentCountError(parsed.positionals().size());
        if (countError != null) {
            ctx.err().print(countError);
            return 1;
        }
        try {
            return command.execute(parsed, ctx);
        } catch (UsageException e) {
            ctx.err().print(spec.flagError(e.getMessage()));
            return USAGE_ERROR;
        } catch (DaemonErrorException e) {
            ctx.printDaemonError(e);
            return 1;
        } catch (StreamErrorException e) {
            ctx.err().println(e.getMessage());
            return 1;
        } catch (DaemonUnreachableException e) {
            ctx.err().println(e.getMessage());
            return 1;
        } catch (IOException e) {
            ctx.err().println(e.getMessage() != null ? e.getMessage() : e.toString());
            return 1;
        }
    }

    private static int globalUsageError(PrintStream err, String message) {
        err.print(message + "\n\nUsage:  skiff [OPTIONS] COMMAND [ARG...]\n\nRun 'skiff --help' for more information\n");
        return USAGE_ERROR;
    }

    /** SKIFF_API_VERSION (or DOCKER_API_VERSION) fixes the version instead of negotiating it. */
    private static ApiVersion pinnedVersion(Map<String, String> env) {
        for (String name : Arrays.asList("SKIFF_API_VERSION", "DOCKER_API_VERSION")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return ApiVersion.parse(v);
            }
        }
        return null;
    }
}
