package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.engine.ApiVersion;
import dev.skiff.cli.engine.DaemonErrorException;
import dev.skiff.cli.engine.EngineClient;
import dev.skiff.cli.engine.PendingWait;
import dev.skiff.cli.engine.StreamErrorException;
import dev.skiff.cli.engine.model.WaitResponse;
import dev.skiff.cli.http.HijackedStream;
import dev.skiff.cli.stream.FrameDemuxer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code skiff run [OPTIONS] IMAGE [COMMAND] [ARG...]} without a TTY. Attached, it follows the
 * docker CLI's order: create, attach (hijacked), wait (registered before start so no exit is
 * missed), start, copy the demultiplexed output until the daemon closes the stream (signals to
 * the CLI meanwhile go to the container), then exit with the container's status. Failures
 * before start exit 125; a refused start exits 125-127.
 */
public final class RunCommand implements Command {
    private static final CommandSpec SPEC = new CommandSpec("run", "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create and run a new container from an image", ContainerOptions.runFlags(), 1,
            CommandSpec.UNBOUNDED, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int execute(ParsedArgs args, CliContext ctx) throws IOException {
        ContainerOptions options = ContainerOptions.from(args, ctx.env());
        EngineClient engine = ctx.engine();
        ApiVersion api = engine.apiVersion();
        boolean autoRemoveByDaemon = api.atLeast(1, 25);
        String id;
        try {
            id = ContainerCreator.create(ctx, options, autoRemoveByDaemon).id();
        } catch (DaemonErrorException e) {
            return fail(ctx, "Error response from daemon: " + e.getMessage(), 125);
        } catch (StreamErrorException e) {
            return fail(ctx, e.getMessage(), 125);
        }
        if (options.detach()) {
            try {
                engine.startContainer(id);
            } catch (DaemonErrorException e) {
                return fail(ctx, "Error response from daemon: " + e.getMessage(), StartFailure.exitStatus(e.getMessage()));
            }
            ctx.out().println(id);
            return 0;
        }
        return runAttached(ctx, engine, id, options, api, autoRemoveByDaemon);
    }

    private int runAttached(CliContext ctx, EngineClient engine, String id, ContainerOptions options, ApiVersion api,
                            boolean autoRemoveByDaemon) throws IOException {
        HijackedStream stream;
        PendingWait exitWait;
        try {
            stream = engine.attach(id, options.interactive());
        } catch (DaemonErrorException e) {
            return fail(ctx, "Error response from daemon: " + e.getMessage(), 125);
        }
        try (stream) {
            try {
                exitWait = engine.waitContainer(id, waitCondition(api, options.autoRemove()));
            } catch (DaemonErrorException e) {
                return fail(ctx, "Error response from daemon: " + e.getMessage(), 125);
            }
            try (exitWait) {
                AtomicReference<IOException> outputFailure = new AtomicReference<>();
                Thread output = new Thread(() -> {
                    try {
                        FrameDemuxer.demux(stream.input(), ctx.out(), ctx.err());
                    } catch (IOException e) {
                        outputFailure.set(e);
                    }
                }, "skiff-attach-output");
                output.start();
                if (options.interactive()) {
                    forwardStdin(ctx.in(), stream);
                } else {
                    stream.closeOutput(); // no stdin: tell the daemon straight away
                }
                try (SignalForwarder signals = new SignalForwarder(engine, id, ctx.err())) {
                    try {
                        engine.startContainer(id);
                    } catch (DaemonErrorException e) {
                        stream.close();
                        return fail(ctx, "Error response from daemon: " + e.getMessage(),
                                StartFailure.exitStatus(e.getMessage()));
                    }
                    join(output);
                }
                if (outputFailure.get() != null) {
                    throw outputFailure.get();
                }
                WaitResponse result = exitWait.await();
                if (result.failed()) {
                    ctx.err().println("Error waiting for container: " + result.error().message());
                    return 125;
                }
                if (options.autoRemove() && !autoRemoveByDaemon) {
                    removeQuietly(ctx, engine, id);
                }
                return (int) result.statusCode();
            }
        }
    }

    /** {@code removed} for --rm and {@code next-exit} otherwise; API versions before 1.30 have no conditions. */
    static String waitCondition(ApiVersion api, boolean autoRemove) {
        if (!api.atLeast(1, 30)) {
            return null;
        }
        return autoRemove ? "removed" : "next-exit";
    }

    /** Copies our stdin to the container unframed on a background thread and half-closes at its end. */
    private static void forwardStdin(InputStream in, HijackedStream stream) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                OutputStream out = stream.output();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                stream.closeOutput();
            } catch (IOException e) {
                // the container's side is gone; nothing left to deliver stdin to
            }
        }, "skiff-attach-stdin");
        pump.setDaemon(true); // a terminal that never sends EOF must not keep the CLI alive
        pump.start();
    }

    private static void join(Thread thread) throws InterruptedIOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading container output");
        }
    }

    private static void removeQuietly(CliContext ctx, EngineClient engine, String id) throws IOException {
        try {
            engine.removeContainer(id, false, true);
        } catch (DaemonErrorException e) {
            ctx.printDaemonError(e);
        }
    }

    private static int fail(CliContext ctx, String message, int status) {
        ctx.err().println("skiff: " + message);
        ctx.err().println();
        ctx.err().println("Run 'skiff run --help' for more information");
        return status;
    }
}
