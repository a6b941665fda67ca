package dev.skiff.daemon.stats;

import dev.skiff.daemon.container.ContainerService.StatsTarget;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.runtime.ContainerStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The stats documents of one request for one container, each with the reading sent before it as its
 * {@code precpu_stats}. A container that does not run (yet, or any more) gives dockerd's document of zeros;
 * a stream ends when the container is removed or {@link #cancel()} is called (the client left).
 */
public final class StatsFeed {
    private static final System.Logger LOG = System.getLogger("skiffd.stats");

    /** Receives the documents of a stream. */
    @FunctionalInterface
    public interface Sink {
        void send(Map<String, Object> document) throws IOException;
    }

    /** The container's target by id, now; 404 once it is gone. */
    private final Function<String, StatsTarget> targets;
    private final String id;
    private final Clock clock;
    private final Duration interval;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private StatsSample previous;

    StatsFeed(Function<String, StatsTarget> targets, String id, Clock clock, Duration interval) {
        this.targets = targets;
        this.id = id;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * The one document of {@code stream=0}. With {@code oneShot} it is the first reading, with empty
     * {@code precpu_stats}; otherwise dockerd primes the CPU numbers with a reading one interval earlier.
     * Zeros at once for a container that does not run.
     */
    public Map<String, Object> single(boolean oneShot) throws InterruptedException {
        StatsTarget t = targets.apply(id);
        if (t.usage() == null) {
            return StatsDocument.render(t.name(), t.id(), null, null);
        }
        if (!oneShot) {
            previous = sample(t);
            if (cancelled.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                return StatsDocument.render(t.name(), t.id(), previous, null);
            }
            t = targets.apply(id);
        }
        return StatsDocument.render(t.name(), t.id(), sample(t), previous);
    }

    /** One document per interval, the first at once, until the container is removed or the feed cancelled. */
    public void stream(Sink sink) throws IOException, InterruptedException {
        do {
            StatsTarget t;
            try {
                t = targets.apply(id);
            } catch (EngineException e) {
                if (e.kind() == ErrorKind.NOT_FOUND) {
                    return; // removed: dockerd closes its subscribers then
                }
                throw e;
            }
            StatsSample current = sample(t);
            sink.send(StatsDocument.render(t.name(), t.id(), current, previous));
            previous = current;
        } while (!cancelled.await(interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Ends a running {@link #stream} or {@link #single} wait at once. */
    public void cancel() {
        cancelled.countDown();
    }

    /** A reading, or null while the container does not run (also when it exits while being read). */
    private StatsSample sample(StatsTarget t) {
        if (t.usage() == null) {
            return null;
        }
        try {
            Instant read = clock.instant();
            ContainerStats stats = t.usage().read();
            return new StatsSample(read, stats);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, "stats of container " + t.id() + ": " + e);
            return null;
        }
    }
}
