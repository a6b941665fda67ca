package dev.skiff.daemon.naming;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerNamesTest {
    @Test
    void acceptsDockerdsPatternAndDropsALeadingSlash() {
        assertEquals("web", ContainerNames.validate("web"));
        assertEquals("web", ContainerNames.validate("/web"));
        assertEquals("a.b_c-1", ContainerNames.validate("a.b_c-1"));
        assertEquals("ab", ContainerNames.validate("ab"));
    }

    @Test
    void rejectsWithDockerdsText() {
        for (String bad : new String[] {"bad name!", "-leadingdash", "a", "_x", "x/y", ""}) {
            EngineException e = assertThrows(EngineException.class, () -> ContainerNames.validate(bad));
            assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
            assertEquals("Invalid container name (" + bad + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.getMessage());
        }
    }

    @Test
    void generatedNamesAreAdjectiveUnderscoreSurnameAndValid() {
        NameGenerator g = new NameGenerator(new Random(42));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String n = g.next(0);
            assertTrue(n.matches("[a-z]+_[a-z]+"), n);
            assertNotEquals("boring_wozniak", n);
            assertEquals(n, ContainerNames.validate(n));
            seen.add(n);
        }
        assertTrue(seen.size() > 400, "names should rarely repeat");
        assertTrue(g.next(3).matches("[a-z]+_[a-z]+[0-9]"), "after clashes a digit is added");
        assertTrue(NameGenerator.ADJECTIVES.size() * NameGenerator.SURNAMES.size() > 10_000);
    }
}
