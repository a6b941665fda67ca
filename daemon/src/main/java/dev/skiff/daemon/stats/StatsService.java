package dev.skiff.daemon.stats;

import dev.skiff.daemon.container.ContainerService;
import dev.skiff.daemon.errors.EngineException;

import java.time.Clock;
import java.time.Duration;

/** {@code GET /containers/{id}/stats}: containers' resource usage, sampled from their cgroups each interval. */
public final class StatsService {
    /** dockerd's collection interval. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final ContainerService containers;
    private final Clock clock;
    private final Duration interval;

    public StatsService(ContainerService containers, Clock clock, Duration interval) {
        this.containers = containers;
        this.clock = clock;
        this.interval = interval;
    }

    /** Resolves the container (404) and checks the options (400) before anything is sent, as dockerd does. */
    public StatsFeed open(String ref, boolean stream, boolean oneShot) {
        String id = containers.statsTarget(ref).id();
        if (stream && oneShot) {
            throw EngineException.invalidParameter("cannot have stream=true and one-shot=true");
        }
        return new StatsFeed(containers::statsTarget, id, clock, interval);
    }
}
