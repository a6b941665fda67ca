package dev.skiff.daemon.filters;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiltersTest {
    @Test
    void parsesTheCurrentAndTheLegacyForm() {
        Filters f = Filters.parse("{\"status\":{\"exited\":true,\"created\":true},\"label\":[\"a=b\"]}");
        assertEquals(List.of("exited", "created"), f.get("status"));
        assertEquals(List.of("a=b"), f.get("label"));
        assertTrue(Filters.parse(null).isEmpty());
        assertTrue(Filters.parse("").isEmpty());
        assertFalse(Filters.parse("{\"status\":{\"exited\":false}}").matchesExactly("status", "exited"));
    }

    @Test
    void unknownKeysAreDockerdsInvalidFilter() {
        EngineException e = assertThrows(EngineException.class,
                () -> Filters.parse("{\"bogus\":{\"1\":true}}").validateKeys(Set.of("status")));
        assertEquals("Invalid filter 'bogus'", e.getMessage());
        assertThrows(EngineException.class, () -> Filters.parse("not json"));
        assertThrows(EngineException.class, () -> Filters.parse("[1]"));
    }

    @Test
    void valuesOfOneKeyAreAlternativesButLabelsMustAllMatch() {
        Filters f = Filters.parse("{\"name\":{\"^ru\":true,\"web\":true},\"label\":{\"tier=demo\":true,\"app\":true}}");
        assertTrue(f.matchesPattern("name", "rundit"));
        assertTrue(f.matchesPattern("name", "myweb1"));
        assertFalse(f.matchesPattern("name", "abc"));
        assertTrue(f.matchesLabels("label", Map.of("tier", "demo", "app", "x")));
        assertFalse(f.matchesLabels("label", Map.of("tier", "demo")));
        assertFalse(f.matchesLabels("label", Map.of("tier", "prod", "app", "x")));
        assertTrue(f.matchesExactly("absent", "anything"));
    }
}
