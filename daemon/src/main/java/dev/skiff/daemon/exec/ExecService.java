package dev.skiff.daemon.exec;

import dev.skiff.daemon.stream.Closeables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.attach.DetachKeys;
import dev.skiff.daemon.container.ContainerService;
import dev.skiff.daemon.container.ExecUser;
import dev.skiff.daemon.container.ProcessEnv;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.stream.StdioWriter;
import dev.skiff.daemon.stream.StreamType;
import dev.skiff.runtime.ContainerProcess;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.ProcessSpec;
import dev.skiff.runtime.ProcessStartException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code docker exec}: creates exec instances, starts their processes in a running container (its
 * namespaces, cgroup, environment and user unless overridden), relays their streams and records how
 * they end. A process outlives a client that goes away; its output is then drained and dropped.
 */
public final class ExecService implements AutoCloseable {
    private static final String START_FAILURE_PREFIX = "OCI runtime exec failed: exec failed: unable to start container process: ";
    /** dockerd's exit code for an exec whose program could not be started (the CLI exits with it). */
    static final int START_FAILED_EXIT_CODE = 126;
    /** dockerd's code for a process whose end the daemon could not observe. */
    private static final int LOST_EXIT_CODE = 255;
    private static final long OUTPUT_DRAIN_MILLIS = 5_000;
    private static final long RESIZE_WAIT_MILLIS = 10_000;
    private static final long STDIN_STOP_MILLIS = 1_000;

    private final ContainerService containers;
    private final ExecStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Pumps and stdin copies; idle threads go away soon so that a burst of execs leaves none behind. */
    private final ExecutorService workers;

    public ExecService(ContainerService containers, ExecStore store, Clock clock) {
        this.containers = containers;
        this.store = store;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "exec-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code POST /containers/{id}/exec}: the new instance's id. */
    public String create(String containerRef, JsonNode body) {
        ExecConfig parsed = ExecConfig.parse(body);
        ContainerService.Running c = containers.running(containerRef);
        ExecConfig config = parsed.withDefaultUser(c.config().user());
        String id = HexFormat.of().formatHex(randomBytes());
        store.add(new ExecInstance(id, c.id(), config));
        containers.announce(c.id(), "exec_create: " + config.commandLine(), Map.of("execID", id));
        return id;
    }

    private byte[] randomBytes() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    /** {@code GET /exec/{id}/json}. */
    public Map<String, Object> inspect(String id) {
        return store.get(id).inspect();
    }

    /**
     * Claims an instance for {@code POST /exec/{id}/start} before anything is sent: 404 for an unknown
     * id, 409 when it was started already.
     */
    public ExecInstance claim(String id) {
        ExecInstance e = store.get(id);
        if (!e.claim()) {
            throw EngineException.conflict(e.claimConflict());
        }
        return e;
    }

    /** {@code exec -d}: starts the process and returns; a failure is the caller's error response. */
    public void startDetached(ExecInstance e) {
        ContainerProcess p = spawn(e);
        watch(e, p, null, null, null);
    }

    /**
     * Runs an attached exec on the calling thread: starts the process, copies {@code clientIn} to its
     * stdin and its output to {@code clientOut} (frames without a TTY, raw bytes with one) until it has
     * exited and all of its output has been sent, or until the client types the detach sequence (with a
     * TTY; the process goes on). A start failure is reported in the stream, as dockerd does once the
     * connection is upgraded.
     */
    public void runAttached(ExecInstance e, InputStream clientIn, OutputStream clientOut) throws InterruptedException {
        ClientOutput out = new ClientOutput(new StdioWriter(clientOut, e.config().tty()));
        ContainerProcess p;
        try {
            p = spawn(e);
        } catch (EngineException ex) {
            out.write(StreamType.STDOUT, (ex.getMessage() + "\r\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        CompletableFuture<Void> detached = new CompletableFuture<>();
        CompletableFuture<Void> finished = watch(e, p, out, e.config().attachStdin() ? clientIn : null, detached);
        try {
            CompletableFuture.anyOf(finished, detached).get();
        } catch (ExecutionException ex) {
            // neither completes exceptionally; nothing more to send either way
        }
        if (!finished.isDone()) {
            out.detach();
        }
    }

    /** {@code POST /exec/{id}/resize}; waits for a start in progress (the CLI resizes right after it). */
    public void resize(String id, int rows, int cols) throws InterruptedException {
        ExecInstance e = store.get(id);
        ContainerProcess p = e.awaitProcess(RESIZE_WAIT_MILLIS);
        if (p == null || !p.hasTerminal()) {
            return;
        }
        try {
            p.resize(rows, cols);
        } catch (IOException | IllegalStateException ex) {
            // the process has just exited: there is no terminal left to size
        }
    }

    /** Starts the instance's process; dockerd's texts for a stopped container or a program that cannot start. */
    private ContainerProcess spawn(ExecInstance e) {
        ContainerProcess p;
        try {
            ContainerService.Running c = containers.running(e.containerId());
            ProcessSpec spec = processSpec(c, e.config());
            p = c.process().exec(spec);
        } catch (ProcessStartException ex) {
            throw startFailed(e, START_FAILURE_PREFIX + ex.getMessage() + ": unknown");
        } catch (IllegalStateException ex) {
            throw startFailed(e, "Container " + e.containerId() + " is not running", ErrorKind.CONFLICT);
        } catch (EngineException ex) {
            throw startFailed(e, ex.getMessage(), ex.kind());
        }
        e.running(p);
        containers.announce(e.containerId(), "exec_start: " + e.config().commandLine(), Map.of("execID", e.id()));
        return p;
    }

    private ProcessSpec processSpec(ContainerService.Running c, ExecConfig config) throws ProcessStartException {
        ExecUser user;
        try {
            user = containers.user(c.id(), config.user());
        } catch (EngineException ex) {
            throw new ProcessStartException(ProcessStartException.Reason.SYSTEM, 126, ex.getMessage(), ex);
        }
        List<String> env = new ArrayList<>(c.config().env() == null ? List.of() : c.config().env());
        env.addAll(config.env());
        String cwd = !config.workingDir().isEmpty() ? config.workingDir()
                : c.config().workingDir().isEmpty() ? "/" : c.config().workingDir();
        int[] size = config.consoleSize();
        return new ProcessSpec(config.cmd(), ProcessEnv.build(env, c.config().hostname(), config.tty(), user.home()),
                cwd, user.uid(), user.gid(), user.additionalGids(), config.tty(),
                config.tty() && size != null ? new ProcessSpec.ConsoleSize(size[0], size[1]) : null,
                config.attachStdin());
    }

    private EngineException startFailed(ExecInstance e, String message) {
        return startFailed(e, message, ErrorKind.SYSTEM);
    }

    private EngineException startFailed(ExecInstance e, String message, ErrorKind kind) {
        e.exited(START_FAILED_EXIT_CODE, clock.instant());
        return new EngineException(kind, message);
    }

    /**
     * Relays a started process's streams and records its end. The future completes once the exit is
     * recorded and the output delivered (or given up on after a grace period: a background child may
     * hold the output open).
     */
    private CompletableFuture<Void> watch(ExecInstance e, ContainerProcess p, ClientOutput out, InputStream clientIn,
                                          CompletableFuture<Void> detached) {
        CountDownLatch outputDone = new CountDownLatch(p.stderr() == null ? 1 : 2);
        pump(p.stdout(), StreamType.STDOUT, e.config().attachStdout() ? out : null, outputDone);
        if (p.stderr() != null) {
            pump(p.stderr(), StreamType.STDERR, e.config().attachStderr() ? out : null, outputDone);
        }
        DetachKeys.Matcher detach = e.config().tty() ? DetachKeys.parse(e.config().detachKeys()).matcher() : null;
        StdinCopy stdin = new StdinCopy(clientIn, p.stdin(), detach, detached);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        p.exit().whenCompleteAsync((status, error) -> {
            try {
                onExit(e, status, outputDone, stdin);
            } finally {
                finished.complete(null);
            }
        }, workers);
        return finished;
    }

    private void onExit(ExecInstance e, ExitStatus status, CountDownLatch outputDone, StdinCopy stdin) {
        try {
            outputDone.await(OUTPUT_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        stdin.stopAndClose();
        int code = status == null ? LOST_EXIT_CODE : status.statusCode();
        e.exited(code, clock.instant());
        try {
            containers.announce(e.containerId(), "exec_die", Map.of("execID", e.id(), "exitCode", Integer.toString(code)));
        } catch (EngineException ex) {
            // the container was removed meanwhile: nobody to tell
        }
    }

    /** Copies one output stream to the client (or to nowhere) until it ends. */
    private void pump(InputStream in, StreamType type, ClientOutput out, CountDownLatch done) {
        workers.execute(() -> {
            byte[] buf = new byte[32 << 10];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (out != null) {
                        out.write(type, buf, n);
                    }
                }
            } catch (IOException ex) {
                // a terminal reports EIO once the last process holding it is gone: that is the end
            } finally {
                done.countDown();
            }
        });
    }

    /**
     * The client's stdin copied to the process; the client's EOF closes the process's stdin, as dockerd
     * does for every exec, and with a TTY the detach sequence ends the copy and the client's session.
     * The process's stdin is closed here once the copy is over, never while a copy still writes to it.
     */
    private final class StdinCopy {
        private final OutputStream processIn;
        private final Future<?> copy;
        private final CountDownLatch copied = new CountDownLatch(1);

        StdinCopy(InputStream clientIn, OutputStream processIn, DetachKeys.Matcher detach,
                  CompletableFuture<Void> detached) {
            this.processIn = processIn;
            this.copy = clientIn == null || processIn == null ? null
                    : workers.submit(() -> copy(clientIn, detach, detached));
        }

        private void copy(InputStream clientIn, DetachKeys.Matcher detach, CompletableFuture<Void> detached) {
            byte[] buf = new byte[32 << 10];
            try {
                int n;
                while ((n = clientIn.read(buf)) > 0) {
                    if (detach == null) {
                        processIn.write(buf, 0, n);
                    } else if (detach.filter(buf, 0, n, processIn)) {
                        processIn.flush();
                        detached.complete(null);
                        return;
                    }
                    processIn.flush();
                }
                Closeables.closeQuietly(processIn);
            } catch (IOException ex) {
                // the process closed its stdin, or the client went away (or the copy was stopped)
            } finally {
                copied.countDown();
            }
        }

        void stopAndClose() {
            if (copy != null) {
                copy.cancel(true);
                try {
                    copied.await(STDIN_STOP_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            Closeables.closeQuietly(processIn);
        }
    }

    /** Where an attached exec's output goes; once the client is gone, output is dropped. */
    private static final class ClientOutput {
        private final StdioWriter writer;
        private volatile boolean gone;

        ClientOutput(StdioWriter writer) {
            this.writer = writer;
        }

        /** The client detached: what follows is not for it. */
        void detach() {
            gone = true;
        }

        void write(StreamType type, byte[] data) {
            write(type, data, data.length);
        }

        void write(StreamType type, byte[] data, int len) {
            if (gone) {
                return;
            }
            try {
                writer.write(type, data, 0, len);
            } catch (IOException ex) {
                gone = true;
            }
        }
    }


    @Override
    public void close() {
        workers.shutdownNow();
    }
}
