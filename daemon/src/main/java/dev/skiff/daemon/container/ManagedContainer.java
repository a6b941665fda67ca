package dev.skiff.daemon.container;

import dev.skiff.daemon.stream.OutputHub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A container in the daemon's memory: its current record, its running process if any, the clients
 * waiting for it and the hub of attached clients. Its monitor guards every change; state changes go
 * through {@link #transition}, which enforces the state machine. The record and the run can be read
 * without the monitor (inspect and exec create must not wait while a state change is written to disk).
 */
final class ManagedContainer {
    private record Waiter(WaitCondition condition, CompletableFuture<WaitResult> future) {
    }

    final String id;
    final OutputHub hub = new OutputHub();
    final RestartBackoff backoff = new RestartBackoff();
    private volatile ContainerRecord record;
    private final List<Waiter> waiters = new ArrayList<>();
    /** The live process; null unless running or paused. */
    volatile ContainerRun run;
    /** How many file tasks (cp, export, commit) use the root the daemon mounted while stopped. */
    int fileTasks;
    /** A pending restart-policy start while RESTARTING. */
    ScheduledFuture<?> pendingRestart;

    ManagedContainer(ContainerRecord record) {
        this.id = record.id();
        this.record = record;
    }

    ContainerRecord record() {
        return record;
    }

    ContainerStatus status() {
        return record.state().status();
    }

    /** Replaces the record; a status change must be allowed by the state machine. */
    synchronized void transition(ContainerRecord next) {
        ContainerStatus from = record.state().status();
        ContainerStatus to = next.state().status();
        if (from != to && !from.canBecome(to)) {
            throw new IllegalStateException("container " + id + ": " + from.apiName() + " -> " + to.apiName());
        }
        record = next;
    }

    synchronized CompletableFuture<WaitResult> addWaiter(WaitCondition condition) {
        CompletableFuture<WaitResult> f = new CompletableFuture<>();
        ContainerState s = record.state();
        if (condition == WaitCondition.NOT_RUNNING && !s.status().isActive()) {
            f.complete(result(s, condition));
            return f;
        }
        waiters.add(new Waiter(condition, f));
        f.whenComplete((r, t) -> dropWaiter(f));
        return f;
    }

    private synchronized void dropWaiter(CompletableFuture<WaitResult> f) {
        waiters.removeIf(w -> w.future == f);
    }

    /** The process exited; {@code restarting} says whether a restart policy will start it again. */
    void notifyExit(boolean restarting) {
        complete(w -> w.condition == WaitCondition.NEXT_EXIT || (!restarting && w.condition == WaitCondition.NOT_RUNNING));
    }

    /** The container stopped for good without a process exit (a pending restart was cancelled). */
    void notifyStopped() {
        complete(w -> w.condition == WaitCondition.NOT_RUNNING);
    }

    void notifyRemoved() {
        complete(w -> true);
    }

    private void complete(java.util.function.Predicate<Waiter> which) {
        List<Waiter> done = new ArrayList<>();
        ContainerState s;
        synchronized (this) {
            s = record.state();
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (which.test(w)) {
                    done.add(w);
                    it.remove();
                }
            }
        }
        for (Waiter w : done) {
            w.future.complete(result(s, w.condition));
        }
    }

    private static WaitResult result(ContainerState s, WaitCondition c) {
        String error = c != WaitCondition.REMOVED && !s.error().isEmpty() ? s.error() : null;
        return new WaitResult(s.exitCode(), error);
    }
}
