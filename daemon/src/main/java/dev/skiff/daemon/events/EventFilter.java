package dev.skiff.daemon.events;

import dev.skiff.daemon.filters.Filters;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Which events a subscriber wants, from the {@code filters} of {@code GET /events}. */
public final class EventFilter implements Predicate<Event> {
    private static final List<String> KEYS = List.of("type", "event", "container", "image", "label", "network",
            "volume", "daemon", "scope");

    private final Filters filters;

    public EventFilter(Filters filters) {
        this.filters = filters.validate(KEYS);
    }

    @Override
    public boolean test(Event e) {
        Map<String, String> attrs = e.attributes();
        return filters.matchesExactly("type", e.type())
                && (filters.matchesExactly("event", e.action()) || filters.matchesExactly("event", baseAction(e.action())))
                && (!filters.has("container") || e.type().equals("container") && matchesObject("container", e))
                && (!filters.has("image") || matchesImage(e))
                && filters.matchesLabels("label", attrs)
                && (!filters.has("network") || e.type().equals("network") && matchesObject("network", e))
                && (!filters.has("volume") || e.type().equals("volume") && matchesObject("volume", e))
                && filters.matchesExactly("scope", "local");
    }

    /** "exec_start: sh" is filtered as "exec_start", as dockerd does. */
    private static String baseAction(String action) {
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(0, colon);
    }

    private boolean matchesObject(String key, Event e) {
        String name = e.attributes().get("name");
        for (String want : filters.get(key)) {
            if (want.equals(name) || e.actorId().startsWith(want)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesImage(Event e) {
        String image = e.type().equals("image") ? e.attributes().getOrDefault("name", e.actorId()) : e.attributes().get("image");
        if (image == null) {
            return false;
        }
        for (String want : filters.get("image")) {
            if (image.equals(want) || stripTag(image).equals(want) || e.actorId().equals(want)) {
                return true;
            }
        }
        return false;
    }

    private static String stripTag(String ref) {
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon > slash ? ref.substring(0, colon) : ref;
    }
}
