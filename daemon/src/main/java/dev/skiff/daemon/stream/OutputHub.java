package dev.skiff.daemon.stream;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans a container's output out to the attached clients. Subscribers that join before the process
 * starts (as {@code docker run} attaches before it starts) receive the output of the next run; every
 * subscriber is ended when the run's output is complete. A subscriber whose delivery fails is dropped
 * and the container carries on: output is never held back for a client that is gone.
 */
public final class OutputHub {
    private final List<OutputSubscriber> subscribers = new CopyOnWriteArrayList<>();

    public void subscribe(OutputSubscriber s) {
        subscribers.add(s);
    }

    public void unsubscribe(OutputSubscriber s) {
        subscribers.remove(s);
    }

    public void publish(StreamType stream, byte[] data, int off, int len) {
        for (OutputSubscriber s : subscribers) {
            try {
                s.output(stream, data, off, len);
            } catch (IOException | RuntimeException e) {
                subscribers.remove(s);
                s.end();
            }
        }
    }

    /** Ends the current subscribers (the run is over); later subscribers wait for the next run. */
    public void endRun() {
        for (OutputSubscriber s : subscribers) {
            subscribers.remove(s);
            s.end();
        }
    }
}
