package dev.skiff.daemon.container;

import dev.skiff.api.units.HumanUnits;

import java.time.Duration;
import java.time.Instant;

/** The STATUS column of {@code docker ps}, worded as dockerd words it (Go's units.HumanDuration). */
public final class StatusText {
    private StatusText() {
    }

    public static String of(ContainerState s, Instant now) {
        return switch (s.status()) {
            case RUNNING -> "Up " + HumanUnits.duration(Duration.between(s.startedAt(), now));
            case PAUSED -> "Up " + HumanUnits.duration(Duration.between(s.startedAt(), now)) + " (Paused)";
            case RESTARTING -> "Restarting (" + s.exitCode() + ") "
                    + HumanUnits.duration(Duration.between(s.finishedAt(), now)) + " ago";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
            case CREATED, EXITED -> {
                if (!s.hasStarted()) {
                    yield "Created";
                }
                yield "Exited (" + s.exitCode() + ") " + HumanUnits.duration(Duration.between(s.finishedAt(), now)) + " ago";
            }
        };
    }

}
