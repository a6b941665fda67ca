package dev.skiff.daemon.container;

import java.time.Duration;
import java.time.Instant;

/** The STATUS column of {@code docker ps}, worded as dockerd words it (Go's units.HumanDuration). */
public final class StatusText {
    private StatusText() {
    }

    public static String of(ContainerState s, Instant now) {
        return switch (s.status()) {
            case RUNNING -> "Up " + humanDuration(Duration.between(s.startedAt(), now));
            case PAUSED -> "Up " + humanDuration(Duration.between(s.startedAt(), now)) + " (Paused)";
            case RESTARTING -> "Restarting (" + s.exitCode() + ") "
                    + humanDuration(Duration.between(s.finishedAt(), now)) + " ago";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
            case CREATED, EXITED -> {
                if (!s.hasStarted()) {
                    yield "Created";
                }
                yield "Exited (" + s.exitCode() + ") " + humanDuration(Duration.between(s.finishedAt(), now)) + " ago";
            }
        };
    }

    /** Go's units.HumanDuration. */
    public static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toNanos() / 3_600_000_000_000.0);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }
}
