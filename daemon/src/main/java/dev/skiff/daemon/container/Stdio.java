package dev.skiff.daemon.container;

import dev.skiff.daemon.logs.LogQuery;
import dev.skiff.daemon.logs.LogReader;
import dev.skiff.daemon.stream.OutputSubscriber;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/** A container's standard streams as {@code logs} and {@code attach} use them. */
public final class Stdio {
    private final ContainerService service;
    private final ManagedContainer container;

    Stdio(ContainerService service, ManagedContainer container) {
        this.service = service;
        this.container = container;
    }

    public String id() {
        return container.id;
    }

    public boolean tty() {
        return container.record().config().tty();
    }

    public boolean openStdin() {
        return container.record().config().openStdin();
    }

    public boolean stdinOnce() {
        return container.record().config().stdinOnce();
    }

    /**
     * Sends the log records the query selects. Following stops when the container's current run ends;
     * a container that is not running is never followed, as in dockerd.
     */
    public void readLogs(LogQuery query, LogReader.Sink sink, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        ContainerRecord r = container.record();
        LogReader.read(service.logPath(r.id()), service.maxLogFiles(r), query, service.liveLog(container), sink,
                cancelled);
    }

    /** Receives the output of the current run, or of the next one when the container is not running. */
    public void subscribe(OutputSubscriber s) {
        container.hub.subscribe(s);
    }

    public void unsubscribe(OutputSubscriber s) {
        container.hub.unsubscribe(s);
    }

    /** The running process's stdin; waits up to {@code millis} for a run to start. Null if none. */
    public OutputStream awaitStdin(long millis) throws InterruptedException {
        return service.awaitStdin(container, millis);
    }
}
