package dev.skiff.daemon.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Publishes engine events to live subscribers and keeps the most recent ones for {@code since}
 * queries. Publishing never blocks: a subscriber that falls more than {@link #SUBSCRIBER_QUEUE}
 * events behind is cut off, as dockerd does with slow event readers.
 */
public final class EventBus {
    static final int HISTORY = 256;
    static final int SUBSCRIBER_QUEUE = 1024;

    private final ArrayDeque<Event> history = new ArrayDeque<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();

    public void publish(Event e) {
        synchronized (history) {
            history.addLast(e);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
            for (Subscription s : subscribers) {
                s.offer(e);
            }
        }
    }

    /** Past events after {@code sinceNano} (none when negative) followed by live ones, all matching {@code filter}. */
    public Subscription subscribe(long sinceNano, Predicate<Event> filter) {
        Subscription s = new Subscription(filter);
        synchronized (history) {
            if (sinceNano >= 0) {
                for (Event e : history) {
                    if (e.timeNano() >= sinceNano) {
                        s.offer(e);
                    }
                }
            }
            subscribers.add(s);
        }
        return s;
    }

    public int listeners() {
        return subscribers.size();
    }

    /** One reader's queue of events. */
    public final class Subscription implements AutoCloseable {
        private final Predicate<Event> filter;
        private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>(SUBSCRIBER_QUEUE);
        private volatile boolean overflowed;

        private Subscription(Predicate<Event> filter) {
            this.filter = filter;
        }

        private void offer(Event e) {
            if (filter.test(e) && !queue.offer(e)) {
                overflowed = true;
                subscribers.remove(this);
            }
        }

        /** The next event, or null after {@code timeoutMillis}. */
        public Event poll(long timeoutMillis) throws InterruptedException {
            return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        /** Whether this reader was cut off for falling behind (after draining what it had). */
        public boolean overflowed() {
            return overflowed && queue.isEmpty();
        }

        public List<Event> drain() {
            List<Event> out = new ArrayList<>();
            queue.drainTo(out);
            return out;
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
