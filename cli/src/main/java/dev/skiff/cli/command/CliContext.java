package dev.skiff.cli.command;

import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.EngineClient;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** What a command works with: the standard streams, the environment, the clock and the daemon. */
public final class CliContext {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;
    private final Supplier<EngineClient> engineFactory;
    private EngineClient engine;

    public CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Clock clock,
                      Supplier<EngineClient> engineFactory) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
        this.engineFactory = engineFactory;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The daemon client, created on first use (commands rejected before that never connect). */
    public EngineClient engine() {
        if (engine == null) {
            engine = engineFactory.get();
        }
        return engine;
    }

    public void printDaemonError(DaemonErrorException e) {
        err.println("Error response from daemon: " + e.getMessage());
    }
}
