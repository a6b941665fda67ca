package dev.skiff.cli.command;

import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.EngineClient;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * While an attached {@code run} is in progress, signals sent to the CLI (Ctrl-C, kill) go to the
 * container instead of ending the CLI, as docker's default {@code --sig-proxy} does; the CLI then
 * ends with the container. The previous handlers come back on {@link #close()}.
 */
final class SignalForwarder implements AutoCloseable {
    private static final List<String> FORWARDED = List.of("INT", "TERM", "HUP", "QUIT", "USR1", "USR2");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    SignalForwarder(EngineClient engine, String containerId, PrintStream err) {
        for (String name : FORWARDED) {
            Signal signal = new Signal(name);
            try {
                previous.put(signal, Signal.handle(signal, s -> forward(engine, containerId, s.getName(), err)));
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (e.g. QUIT for thread dumps); it keeps its meaning
            }
        }
    }

    private static void forward(EngineClient engine, String containerId, String signal, PrintStream err) {
        try {
            engine.killContainer(containerId, signal);
        } catch (DaemonErrorException | IOException e) {
            err.println("error sending signal " + signal + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
