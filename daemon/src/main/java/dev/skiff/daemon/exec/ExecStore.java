package dev.skiff.daemon.exec;

import dev.skiff.daemon.container.ContainerExecs;
import dev.skiff.daemon.errors.EngineException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** The same instances by container: a container's inspect lists its own, not every container's. */
    private final Map<String, Map<String, ExecInstance>> byContainer = new HashMap<>();
    private final Clock clock;
    private Instant nextSweep = Instant.MIN;

    public ExecStore(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(ExecInstance e) {
        forgetOldExited(clock.instant());
        byId.put(e.id(), e);
        byContainer.computeIfAbsent(e.containerId(), c -> new LinkedHashMap<>()).put(e.id(), e);
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
        for (ExecInstance e : byContainer.getOrDefault(containerId, Map.of()).values()) {
            if (e.live()) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    @Override
    public synchronized void containerRemoved(String containerId) {
        Map<String, ExecInstance> instances = byContainer.remove(containerId);
        if (instances != null) {
            byId.keySet().removeAll(instances.keySet());
        }
    }

    private void forgetOldExited(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_INTERVAL);
        byId.values().removeIf(e -> {
            Instant exited = e.exitedAt();
            if (exited == null || !exited.plus(EXITED_RETENTION).isBefore(now)) {
                return false;
            }
            Map<String, ExecInstance> ofContainer = byContainer.get(e.containerId());
            ofContainer.remove(e.id());
            if (ofContainer.isEmpty()) {
                byContainer.remove(e.containerId());
            }
            return true;
        });
    }
}
