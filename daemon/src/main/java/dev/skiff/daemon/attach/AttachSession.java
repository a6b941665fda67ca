package dev.skiff.daemon.attach;

import dev.skiff.daemon.container.Stdio;
import dev.skiff.daemon.logs.LogEntry;
import dev.skiff.daemon.logs.LogQuery;
import dev.skiff.daemon.stream.OutputSubscriber;
import dev.skiff.daemon.stream.StdioWriter;
import dev.skiff.daemon.stream.StreamType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * One attached client ({@code POST /containers/{id}/attach} after the upgrade): replays the log when
 * asked ({@code logs=1}), then relays the container's live output until its process exits and all of
 * it is delivered, and copies the client's bytes to the process's stdin.
 *
 * <p>Stdin end, as in dockerd: for a non-TTY {@code StdinOnce} container the client's EOF closes the
 * process's stdin and the session goes on until the process exits; otherwise the client's EOF ends
 * the session (a TTY detach), leaving the container running. With a TTY the detach sequence typed
 * on stdin also ends the session, as dockerd does for API clients (the docker CLI catches it itself).
 */
public final class AttachSession {
    private static final long STDIN_POLL_MILLIS = 200;

    /** The attach query: which streams, replay the log, follow live output, the detach sequence. */
    public record Options(boolean stdin, boolean stdout, boolean stderr, boolean logs, boolean stream,
                          DetachKeys detachKeys) {
    }

    private final Stdio target;
    private final Options options;
    private final CountDownLatch done = new CountDownLatch(1);
    /** Opened once the client's connection is ready and the log replay is over. */
    private final CountDownLatch ready = new CountDownLatch(1);
    private final OutputSubscriber subscriber;
    private volatile StdioWriter writer;
    private volatile boolean cancelled;

    /**
     * Subscribes to the container's output at once, before the client is told the upgrade happened:
     * {@code docker run} starts the container as soon as it has the 101, and not a byte of the output
     * may be missed. Output that arrives before {@link #run} waits for it.
     */
    public AttachSession(Stdio target, Options options) {
        this.target = target;
        this.options = options;
        this.subscriber = new OutputSubscriber() {
            @Override
            public void output(StreamType stream, byte[] data, int off, int len) throws IOException {
                if (stream == StreamType.STDOUT ? !options.stdout() : !options.stderr()) {
                    return;
                }
                awaitReady();
                writer.write(stream, data, off, len);
            }

            @Override
            public void end() {
                done.countDown();
            }
        };
        if (options.stream()) {
            target.subscribe(subscriber);
        }
    }

    private void awaitReady() throws IOException {
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (cancelled) {
            throw new IOException("the client is gone");
        }
    }

    /** The client went away: stop at once. */
    public void cancel() {
        cancelled = true;
        ready.countDown();
        done.countDown();
    }

    /** Runs the session on the calling thread once the connection is upgraded; returns when it is over. */
    public void run(InputStream clientIn, OutputStream clientOut) throws IOException, InterruptedException {
        writer = new StdioWriter(clientOut, target.tty());
        Thread stdin = null;
        try {
            if (options.logs()) {
                replayLogs();
            }
            ready.countDown();
            if (!options.stream() || cancelled) {
                return;
            }
            if (options.stdin() && target.openStdin()) {
                stdin = new Thread(() -> copyStdin(clientIn), "attach-stdin-" + target.id().substring(0, 12));
                stdin.setDaemon(true);
                stdin.start();
            }
            done.await();
        } finally {
            close();
            if (stdin != null) {
                stdin.interrupt();
            }
        }
    }

    /** Detaches from the container (also when {@link #run} never ran). */
    public void close() {
        target.unsubscribe(subscriber);
        cancelled = true;
        ready.countDown();
    }

    private void replayLogs() throws IOException, InterruptedException {
        LogQuery all = new LogQuery(options.stdout(), options.stderr(), null, null, LogQuery.ALL, false);
        target.readLogs(all, (LogEntry e) -> writer.write(e.isStderr() ? StreamType.STDERR : StreamType.STDOUT,
                e.line(), 0, e.line().length), () -> cancelled);
    }

    private void copyStdin(InputStream clientIn) {
        byte[] buf = new byte[32 << 10];
        DetachKeys.Matcher detach = target.tty() ? options.detachKeys().matcher() : null;
        try {
            int n;
            while ((n = clientIn.read(buf)) > 0) {
                OutputStream processIn = awaitProcessStdin();
                if (processIn == null) {
                    return;
                }
                if (detach == null) {
                    processIn.write(buf, 0, n);
                } else if (detach.filter(buf, 0, n, processIn)) {
                    processIn.flush();
                    done.countDown();
                    return;
                }
                processIn.flush();
            }
            if (target.stdinOnce() && !target.tty()) {
                OutputStream processIn = awaitProcessStdin();
                if (processIn != null) {
                    processIn.close();
                }
            } else {
                done.countDown();
            }
        } catch (IOException e) {
            // the process closed its stdin or the client went away: nothing more to copy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The stdin of the running process, waiting for the container to start; null once the session ended. */
    private OutputStream awaitProcessStdin() throws InterruptedException {
        while (!cancelled) {
            OutputStream in = target.awaitStdin(STDIN_POLL_MILLIS);
            if (in != null) {
                return in;
            }
        }
        return null;
    }
}
