package dev.skiff.cli.command;

import dev.skiff.cli.args.ParsedArgs;
import dev.skiff.cli.args.UsageException;
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
    public int execute(ParsedArgs args, CliContext ctx) throws IOException, UsageException {
        ContainerOptions options = ContainerOptions.from(args, ctx.env());
        EngineClient engine = ctx.engine();
        WaitPlan plan = WaitPlan.of(engine.apiVersion(), options.detach(), options.autoRemove());
        String id;
        try {
            id = ContainerCreator.create(ctx, options, plan.autoRemoveByDaemon()).id();
        } catch (DaemonErrorException e) {
            return fail(ctx, "Error response from daemon: " + e.getMessage(), 125);
        } catch (StreamErrorException e) {
            return fail(ctx, e.getMessage(), 125);
        }
        if (options.detach()) {
            try {
                engine.startContainer(id);
            } catch (DaemonErrorException e) {
                return startFailed(ctx, e);
            }
            ctx.out().println(id);
            return 0;
        }
        try {
            int status = runAttached(ctx, engine, id, options, plan.condition());
            if (plan.clientRemoves(options.autoRemove())) {
                removeQuietly(ctx, engine, id);
            }
            return status;
        } catch (DaemonErrorException e) {
            return fail(ctx, "Error response from daemon: " + e.getMessage(), 125);
        }
    }

    /** Attach, wait (see {@link WaitPlan}), start, copy the output, collect the exit status. */
    private int runAttached(CliContext ctx, EngineClient engine, String id, ContainerOptions options,
                            String waitCondition) throws IOException, DaemonErrorException {
        try (HijackedStream stream = engine.attach(id, options.interactive());
             PendingWait registered = waitCondition != null ? engine.waitContainer(id, waitCondition) : null) {
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
                    return startFailed(ctx, e);
                }
                join(output);
            }
            if (outputFailure.get() != null) {
                throw outputFailure.get();
            }
            WaitResponse result = (registered != null ? registered : engine.waitContainer(id, null)).await();
            if (result.failed()) {
                ctx.err().println("Error waiting for container: " + result.error().message());
                return 125;
            }
            return (int) result.statusCode();
        }
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

    private static int startFailed(CliContext ctx, DaemonErrorException e) {
        return fail(ctx, "Error response from daemon: " + e.getMessage(), StartFailure.exitStatus(e.getMessage()));
    }

    private static int fail(CliContext ctx, String message, int status) {
        ctx.err().println("skiff: " + message);
        ctx.err().println();
        ctx.err().println("Run 'skiff run --help' for more information");
        return status;
    }
}
