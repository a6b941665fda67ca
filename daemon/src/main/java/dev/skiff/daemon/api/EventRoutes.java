package dev.skiff.daemon.api;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.events.Event;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.events.EventFilter;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.JsonStream;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code GET /events}: past events since {@code since}, then live ones until {@code until} or the client leaves. */
public final class EventRoutes implements Routes {
    private static final long POLL_MILLIS = 200;

    private final EventBus bus;

    public EventRoutes(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/events", this::events);
    }

    private void events(ApiRequest req, ApiResponse res) throws Exception {
        EventFilter filter = new EventFilter(Filters.parse(req.query("filters")));
        long since = req.query("since") == null ? -1 : unixNanos(req.query("since"), "since");
        long until = req.query("until") == null ? Long.MAX_VALUE : unixNanos(req.query("until"), "until");
        try (EventBus.Subscription sub = bus.subscribe(since, filter)) {
            AtomicBoolean gone = new AtomicBoolean();
            req.onClientGone(() -> gone.set(true));
            JsonStream out = res.jsonStream("\n");
            while (!gone.get() && !sub.overflowed()) {
                long nowNano = System.currentTimeMillis() * 1_000_000L;
                if (nowNano > until) {
                    for (Event e : sub.drain()) {
                        if (e.timeNano() <= until) {
                            out.send(e.toJson());
                        }
                    }
                    return;
                }
                Event e = sub.poll(POLL_MILLIS);
                if (e != null && e.timeNano() <= until) {
                    out.send(e.toJson());
                }
            }
        }
    }

    /** Unix time as the CLI sends it: seconds, optionally with a fraction ("1795381732.5"). */
    static long unixNanos(String value, String name) {
        try {
            return new BigDecimal(value).movePointRight(9).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw EngineException.invalidParameter("invalid value for " + name + ": " + value);
        }
    }
}
