package dev.skiff.daemon.image;

import dev.skiff.daemon.events.Event;
import dev.skiff.daemon.events.EventBus;

import java.util.HashMap;
import java.util.Map;

/** dockerd's image events: actor = image id, attributes = the image's labels plus "name". */
public final class ImageEvents {
    private final EventBus bus;

    public ImageEvents(EventBus bus) {
        this.bus = bus;
    }

    /**
     * Publishes {@code action} for {@code image}; {@code name} is the reference for tag events and
     * the image id itself for untag, delete, import and load, as dockerd sends them.
     */
    public void publish(String action, Image image, String name) {
        Map<String, String> attributes = new HashMap<>();
        Map<String, String> labels = image.config().config().labels();
        if (labels != null) {
            attributes.putAll(labels);
        }
        attributes.put("name", name);
        bus.publish(Event.now("image", action, image.id().toString(), attributes));
    }
}
