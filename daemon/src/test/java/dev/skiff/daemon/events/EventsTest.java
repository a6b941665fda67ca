package dev.skiff.daemon.events;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.filters.Filters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventsTest {
    private static final String CID = "6173b6bca2ec1c70d4d9f89c6ee53d8d08d61a5959b358dee08de675fe7916ab";

    private static Event die(long t) {
        return new Event("container", "die", CID, Map.of("name", "evt", "image", "busybox", "exitCode", "0"), t);
    }

    @Test
    void containerEventsCarryDockerdsLegacyFields() {
        Map<String, Object> json = die(1795381734150907459L).toJson();
        assertEquals("die", json.get("status"));
        assertEquals(CID, json.get("id"));
        assertEquals("busybox", json.get("from"));
        assertEquals(1795381734L, json.get("time"));
        assertEquals(1795381734150907459L, json.get("timeNano"));
        assertEquals("local", json.get("scope"));
    }

    @Test
    void networkEventsHaveNoLegacyFields() {
        Map<String, Object> json = new Event("network", "connect", "b69f", Map.of("name", "bridge"), 1).toJson();
        assertFalse(json.containsKey("status"));
        assertFalse(json.containsKey("from"));
    }

    @Test
    void filtersByTypeActionContainerAndImage() {
        assertTrue(new EventFilter(Filters.parse("{\"container\":{\"evt\":true}}")).test(die(1)));
        assertTrue(new EventFilter(Filters.parse("{\"container\":{\"6173b6\":true}}")).test(die(1)));
        assertFalse(new EventFilter(Filters.parse("{\"container\":{\"other\":true}}")).test(die(1)));
        assertTrue(new EventFilter(Filters.parse("{\"type\":{\"container\":true},\"event\":{\"die\":true}}")).test(die(1)));
        assertFalse(new EventFilter(Filters.parse("{\"type\":{\"image\":true}}")).test(die(1)));
        assertTrue(new EventFilter(Filters.parse("{\"image\":{\"busybox\":true}}")).test(die(1)));
        assertThrows(EngineException.class, () -> new EventFilter(Filters.parse("{\"bogus\":{\"x\":true}}")));
    }

    @Test
    void subscribersGetHistorySinceAndLiveEvents() throws Exception {
        EventBus bus = new EventBus();
        bus.publish(die(10));
        bus.publish(die(20));
        try (EventBus.Subscription s = bus.subscribe(15, e -> true)) {
            assertEquals(20, s.poll(0).timeNano());
            assertNull(s.poll(0));
            bus.publish(die(30));
            assertEquals(30, s.poll(100).timeNano());
        }
        assertEquals(0, bus.listeners());
    }

    @Test
    void historyIsBounded() throws Exception {
        EventBus bus = new EventBus();
        for (int i = 0; i < EventBus.HISTORY + 10; i++) {
            bus.publish(die(i));
        }
        try (EventBus.Subscription s = bus.subscribe(0, e -> true)) {
            assertEquals(EventBus.HISTORY, s.drain().size());
        }
    }

    @Test
    void aReaderThatFallsBehindIsCutOff() {
        EventBus bus = new EventBus();
        EventBus.Subscription s = bus.subscribe(-1, e -> true);
        for (int i = 0; i <= EventBus.SUBSCRIBER_QUEUE; i++) {
            bus.publish(die(i));
        }
        assertEquals(0, bus.listeners());
        assertEquals(EventBus.SUBSCRIBER_QUEUE, s.drain().size());
        assertTrue(s.overflowed());
    }
}
