package dev.skiff.daemon.filters;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiltersTest {
    @Test
    void parsesCurrentAndLegacyForms() {
        assertEquals(Set.of("exited"), Filters.parse("{\"status\":{\"exited\":true}}").get("status"));
        assertEquals(Set.of("a", "b"), Filters.parse("{\"name\":[\"a\",\"b\"]}").get("name"));
        assertFalse(Filters.parse(null).has("status"));
        assertFalse(Filters.parse("{\"status\":{\"exited\":false}}").has("status"));
    }

    @Test
    void unknownKeyGetsDockerdsMessage() {
        EngineException e = assertThrows(EngineException.class,
                () -> Filters.parse("{\"bogus\":{\"1\":true}}").validate(List.of("status")));
        assertEquals("Invalid filter 'bogus'", e.getMessage());
    }

    @Test
    void malformedJsonIsInvalidParameter() {
        assertThrows(EngineException.class, () -> Filters.parse("{\"status\":"));
        assertThrows(EngineException.class, () -> Filters.parse("[1]"));
        assertThrows(EngineException.class, () -> Filters.parse("{\"status\":\"x\"}"));
    }

    @Test
    void labelsMatchKeyOrKeyValue() {
        Filters f = Filters.parse("{\"label\":{\"tier=demo\":true,\"owner\":true}}");
        assertTrue(f.matchesLabels("label", Map.of("tier", "demo", "owner", "x")));
        assertFalse(f.matchesLabels("label", Map.of("tier", "prod", "owner", "x")));
        assertFalse(f.matchesLabels("label", Map.of("tier", "demo")));
    }

    @Test
    void patternsAreSearchedNotAnchored() {
        Filters f = Filters.parse("{\"name\":{\"ru\":true}}");
        assertTrue(f.matchesPattern("name", "rund"));
        assertTrue(f.matchesPattern("name", "xrux"));
        assertFalse(f.matchesPattern("name", "web"));
        assertTrue(Filters.NONE.matchesPattern("name", "anything"));
    }

    @Test
    void booleanFilters() {
        assertEquals(Boolean.TRUE, Filters.parse("{\"dangling\":{\"true\":true}}").bool("dangling"));
        assertEquals(Boolean.FALSE, Filters.parse("{\"dangling\":[\"0\"]}").bool("dangling"));
        assertNull(Filters.NONE.bool("dangling"));
        assertThrows(EngineException.class, () -> Filters.parse("{\"dangling\":[\"maybe\"]}").bool("dangling"));
    }
}
