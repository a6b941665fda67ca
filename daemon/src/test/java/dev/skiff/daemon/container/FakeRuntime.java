package dev.skiff.daemon.container;

import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerProcess;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.ContainerSpec;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.ProcessSpec;
import dev.skiff.runtime.ProcessStartException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the runtime: "processes" are pipes the test writes to and exits by hand. Signals in
 * {@link #fatalSignals} end the process with 128+signal, as a program without handlers would.
 */
final class FakeRuntime implements ContainerRuntime {
    final LinkedBlockingQueue<FakeContainer> started = new LinkedBlockingQueue<>();
    final List<String> teardowns = new CopyOnWriteArrayList<>();
    volatile ProcessStartException failNextStart;
    volatile Set<Integer> fatalSignals = Set.of(9, 15);
    private final AtomicInteger pids = new AtomicInteger(1000);

    @Override
    public Container start(ContainerSpec spec) throws ProcessStartException {
        ProcessStartException fail = failNextStart;
        if (fail != null) {
            failNextStart = null;
            throw fail;
        }
        FakeContainer c = new FakeContainer(spec, pids.incrementAndGet());
        started.add(c);
        return c;
    }

    FakeContainer nextStarted() throws InterruptedException {
        FakeContainer c = started.poll(5, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no container was started");
        }
        return c;
    }

    @Override
    public java.nio.file.Path mountRootfs(ContainerSpec spec) {
        return spec.rootfs();
    }

    @Override
    public void teardown(ContainerSpec spec) {
        teardowns.add(spec.id());
    }

    @Override
    public void close() {
    }

    final class FakeContainer implements Container {
        final ContainerSpec spec;
        final int pid;
        final TestPipe stdout = new TestPipe();
        final TestPipe stderr = new TestPipe();
        final TestPipe stdin = new TestPipe();
        final List<Integer> signals = new CopyOnWriteArrayList<>();
        final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        volatile boolean paused;
        /** The limits of the last update, null before one. */
        volatile dev.skiff.runtime.Resources updated;

        FakeContainer(ContainerSpec spec, int pid) {
            this.spec = spec;
            this.pid = pid;
        }

        void exit(int code) {
            stdout.close();
            stderr.close();
            exit.complete(ExitStatus.exited(code));
        }

        @Override
        public ContainerSpec spec() {
            return spec;
        }

        @Override
        public ContainerProcess exec(ProcessSpec process) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.List<Integer> processIds() {
            return java.util.List.of(pid());
        }

        @Override
        public dev.skiff.runtime.ContainerStats stats() {
            throw new UnsupportedOperationException("no stats in the test double");
        }

        @Override
        public void update(dev.skiff.runtime.Resources resources) {
            updated = resources;
        }

        @Override
        public boolean oomKilled() {
            return false;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void unpause() {
            paused = false;
        }

        @Override
        public int pid() {
            return pid;
        }

        @Override
        public OutputStream stdin() {
            return spec.process().openStdin() ? stdin.out : null;
        }

        @Override
        public InputStream stdout() {
            return stdout.in;
        }

        @Override
        public InputStream stderr() {
            return spec.process().tty() ? null : stderr.in;
        }

        @Override
        public boolean hasTerminal() {
            return spec.process().tty();
        }

        @Override
        public void resize(int rows, int cols) {
        }

        @Override
        public void kill(int signal) throws IOException {
            if (exit.isDone()) {
                return;
            }
            signals.add(signal);
            if (fatalSignals.contains(signal)) {
                stdout.close();
                stderr.close();
                exit.complete(ExitStatus.killed(signal));
            }
        }

        @Override
        public CompletableFuture<ExitStatus> exit() {
            return exit;
        }
    }
}
