package dev.skiff.daemon.container;

import dev.skiff.daemon.time.GoTime;

import java.time.Instant;

/**
 * The {@code State} of a container as persisted and shown by inspect. Immutable: every transition
 * makes a new one.
 */
public record ContainerState(ContainerStatus status, int pid, int exitCode, String error, Instant startedAt,
                             Instant finishedAt, boolean oOMKilled) {
    public static final ContainerState CREATED = new ContainerState(ContainerStatus.CREATED, 0, 0, "",
            GoTime.ZERO, GoTime.ZERO, false);

    public ContainerState {
        error = error == null ? "" : error;
        startedAt = startedAt == null ? GoTime.ZERO : startedAt;
        finishedAt = finishedAt == null ? GoTime.ZERO : finishedAt;
    }

    public boolean hasStarted() {
        return !startedAt.equals(GoTime.ZERO);
    }

    ContainerState running(int newPid, Instant now) {
        return new ContainerState(ContainerStatus.RUNNING, newPid, 0, "", now, GoTime.ZERO, false);
    }

    ContainerState exited(ContainerStatus to, int code, Instant now) {
        return new ContainerState(to, 0, code, error, startedAt, now, false);
    }

    ContainerState withStatus(ContainerStatus to) {
        return new ContainerState(to, pid, exitCode, error, startedAt, finishedAt, oOMKilled);
    }

    /** A failed start: the status stays, the error and exit code are recorded (as dockerd does). */
    ContainerState startFailed(int code, String message) {
        return new ContainerState(status, 0, code, message, startedAt, finishedAt, false);
    }
}
