package dev.skiff.daemon.container;

import dev.skiff.daemon.logs.JsonFileLog;
import dev.skiff.daemon.network.PublishedPorts;
import dev.skiff.runtime.Container;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** One started process of a container: the runtime handle, its log writer and its output pumps. */
final class ContainerRun {
    final Container process;
    final JsonFileLog log;
    /** The run's published ports, closed when it ends. */
    final PublishedPorts ports;
    final Instant startedAt;
    /** Counted down by each output pump when its stream ends. */
    final CountDownLatch outputDone;
    /** Completed once the exit has been recorded (state written) and any auto-removal is done. */
    final CompletableFuture<Void> exitHandled = new CompletableFuture<>();

    ContainerRun(Container process, JsonFileLog log, PublishedPorts ports, Instant startedAt) {
        this.process = process;
        this.log = log;
        this.ports = ports;
        this.startedAt = startedAt;
        this.outputDone = new CountDownLatch(process.stderr() == null ? 1 : 2);
    }
}
