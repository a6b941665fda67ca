package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Cases from Go's path.Match tests. */
class GlobMatchTest {
    @ParameterizedTest
    @CsvSource({
            "abc, abc, true", "*, abc, true", "*c, abc, true", "a*, a, true", "a*, abc, true", "a*, ab/c, false",
            "a*/b, abc/b, true", "a*/b, a/c/b, false", "a*b*c*d*e*/f, axbxcxdxe/f, true",
            "a*b*c*d*e*/f, axbxcxdxexxx/f, true", "a*b*c*d*e*/f, axbxcxdxe/xxx/f, false",
            "a*b?c*x, abxbbxdbxebxczzx, true", "a*b?c*x, abxbbxdbxebxczzy, false",
            "ab[c], abc, true", "ab[b-d], abc, true", "ab[e-g], abc, false", "ab[^c], abc, false",
            "ab[^b-d], abc, false", "ab[^e-g], abc, true", "a\\*b, a*b, true", "a\\*b, ab, false",
            "a?b, a☺b, true", "a?b, a/b, false", "a*b, a/b, false",
            "busybox, busybox, true", "bus*, busybox:latest, true", "*/bb, myrepo/bb, true", "*/bb:*, myrepo/bb:1.0, true",
    })
    void goPathMatch(String pattern, String name, boolean expected) {
        assertEquals(expected, GlobMatch.matches(pattern, name), pattern + " vs " + name);
    }

    @Test
    void badPatterns() {
        assertThrows(EngineException.class, () -> GlobMatch.matches("[", "a"));
        assertThrows(EngineException.class, () -> GlobMatch.matches("a\\", "a"));
        assertThrows(EngineException.class, () -> GlobMatch.matches("[a-]", "a"));
    }
}
