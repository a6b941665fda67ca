package dev.skiff.daemon.exec;

import dev.skiff.daemon.container.ContainerExecs;
import dev.skiff.daemon.errors.EngineException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's exec instances by id. An exited instance stays inspectable (the CLI reads its exit code
 * after the stream ends) until its container is removed or, like dockerd's periodic clean-up, until it
 * has been exited for {@link #EXITED_RETENTION}: a container exec'd into every few seconds (health
 * checks, scripts) must not grow the daemon without bound.
 */
public final class ExecStore implements ContainerExecs {
    static final Duration EXITED_RETENTION = Duration.ofMinutes(5);
    /** How often the exited instances are swept: a sweep reads every instance, an exec create should not. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    private final Map<String, ExecInstance> byId = new LinkedHashMap<>();
    private final Clock clock;
    private Instant nextSweep = Instant.MIN;

    public ExecStore(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(ExecInstance e) {
        forgetOldExited(clock.instant());
        byId.put(e.id(), e);
    }

    /** The instance with this full id; dockerd's 404 otherwise. */
    synchronized ExecInstance get(String id) {
        ExecInstance e = byId.get(id);
        if (e == null) {
            throw EngineException.notFound("No such exec instance: " + id);
        }
        return e;
    }

    synchronized int size() {
        return byId.size();
    }

    @Override
    public synchronized List<String> liveIds(String containerId) {
        List<String> ids = new ArrayList<>();
        for (ExecInstance e : byId.values()) {
            if (e.containerId().equals(containerId) && e.live()) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    @Override
    public synchronized void containerRemoved(String containerId) {
        byId.values().removeIf(e -> e.containerId().equals(containerId));
    }

    private void forgetOldExited(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_INTERVAL);
        byId.values().removeIf(e -> {
            Instant exited = e.exitedAt();
            return exited != null && exited.plus(EXITED_RETENTION).isBefore(now);
        });
    }
}
