package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContainerIndexTest {
    private static final String A = "abc1" + "0".repeat(60);
    private static final String B = "abc2" + "0".repeat(60);

    private ContainerIndex<String> index() {
        ContainerIndex<String> i = new ContainerIndex<>();
        i.add(A, "a");
        i.add(B, "b");
        i.reserveName("web", A);
        i.reserveName(B.substring(0, 4), B);
        return i;
    }

    @Test
    void fullIdThenNameThenUniquePrefix() {
        ContainerIndex<String> i = index();
        assertEquals("a", i.get(A));
        assertEquals("a", i.get("web"));
        assertEquals("a", i.get("/web"));
        assertEquals("a", i.get("abc1"));
        assertEquals("b", i.get("abc2"), "a name beats an id prefix");
        assertNull(i.find("zzz"));
        EngineException missing = assertThrows(EngineException.class, () -> i.get("nosuchctr"));
        assertEquals(ErrorKind.NOT_FOUND, missing.kind());
        assertEquals("No such container: nosuchctr", missing.getMessage());
        EngineException ambiguous = assertThrows(EngineException.class, () -> i.get("abc"));
        assertEquals("Multiple IDs found with provided prefix: abc", ambiguous.getMessage());
    }

    @Test
    void namesAreUniqueUntilReleased() {
        ContainerIndex<String> i = index();
        EngineException e = assertThrows(EngineException.class, () -> i.reserveName("web", B));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        i.remove(A);
        i.reserveName("web", B);
        assertEquals("b", i.get("web"));
    }
}
