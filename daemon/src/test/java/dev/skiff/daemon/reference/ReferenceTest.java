package dev.skiff.daemon.reference;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceTest {
    private static final String D = "sha256:e5ce47fd22aeb9b2db6665aa1dea406b40794c36baa3e86214f83a7e1a9707c3";

    @ParameterizedTest
    @CsvSource({
            "busybox, docker.io/library/busybox, busybox",
            "busybox:latest, docker.io/library/busybox:latest, busybox:latest",
            "library/busybox:1, docker.io/library/busybox:1, busybox:1",
            "docker.io/busybox, docker.io/library/busybox, busybox",
            "index.docker.io/library/busybox, docker.io/library/busybox, busybox",
            "myrepo/bb:2.0, docker.io/myrepo/bb:2.0, myrepo/bb:2.0",
            "docker.io/library/a/b, docker.io/library/a/b, library/a/b",
            "localhost:5000/team/bb:v1, localhost:5000/team/bb:v1, localhost:5000/team/bb:v1",
            "localhost/bb, localhost/bb, localhost/bb",
            "quay.io/a/b-c__d.e_f, quay.io/a/b-c__d.e_f, quay.io/a/b-c__d.e_f",
            "Host.Example:443/x, Host.Example:443/x, Host.Example:443/x",
            "a---b, docker.io/library/a---b, a---b",
    })
    void normalisesAndShortens(String input, String full, String familiar) {
        Reference r = Reference.parseNormalized(input);
        assertEquals(full, r.toString());
        assertEquals(familiar, r.familiarString());
    }

    @Test
    void digestsAndTags() {
        Reference r = Reference.parseNormalized("busybox@" + D);
        assertEquals("docker.io", r.domain());
        assertEquals("library/busybox", r.path());
        assertNull(r.tag());
        assertEquals(D, r.digest().toString());
        assertEquals("busybox@" + D, r.familiarString());

        Reference both = Reference.parseNormalized("host:5000/a/b:tag@" + D);
        assertEquals("host:5000", both.domain());
        assertEquals("tag", both.tag());
        assertEquals("host:5000/a/b:tag@" + D, both.toString());

        Reference bare = Reference.parseNormalized("busybox");
        assertTrue(bare.isNameOnly());
        assertEquals("busybox:latest", bare.withDefaultTag().familiarString());
        assertEquals("docker.io/library/busybox:1.36", bare.withTag("1.36").toString());
        assertFalse(bare.withTag("x").isNameOnly());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Busybox|invalid reference format: repository name must be lowercase",
            "myrepo/BB:1|invalid reference format: repository name must be lowercase",
            "Invalid_Upper:1|invalid reference format: repository name must be lowercase",
            "busybox:bad tag|invalid reference format",
            "-busybox|invalid reference format",
            "busybox:|invalid reference format",
            "a//b|invalid reference format",
            "a_-b|invalid reference format",
            "a___b|invalid reference format",
            "busybox@sha256:abc|invalid reference format",
            "busybox@sha256:0123456789abcdef0123456789abcdef|invalid checksum digest length",
            "busybox@md5:0123456789abcdef0123456789abcdef|unsupported digest algorithm",
            "e7567e706ee5f02c947f8b72373cdc62dc7083f638c1eff1f8ab1cf404e87924|invalid repository name "
                    + "(e7567e706ee5f02c947f8b72373cdc62dc7083f638c1eff1f8ab1cf404e87924), cannot specify 64-byte hexadecimal strings",
    })
    void rejectsWithDockerdMessages(String input, String message) {
        EngineException e = assertThrows(EngineException.class, () -> Reference.parseNormalized(input));
        assertEquals(message, e.getMessage());
        assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
    }

    @Test
    void tooLongNames() {
        EngineException e = assertThrows(EngineException.class,
                () -> Reference.parseNormalized("a/" + "b".repeat(260)));
        assertEquals("repository name must not be more than 255 characters", e.getMessage());
    }

    @Test
    void noCatastrophicBacktracking() {
        String evil = "a" + "-a".repeat(5000) + "!";
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
                () -> assertThrows(EngineException.class, () -> Reference.parseNormalized(evil)));
    }

    @Test
    void invalidTagInWithTag() {
        assertEquals("invalid tag format", assertThrows(EngineException.class,
                () -> Reference.parseNormalized("busybox").withTag("-x")).getMessage());
    }

    @Test
    void digestParsing() {
        assertEquals("invalid checksum digest format",
                assertThrows(EngineException.class, () -> Digest.parse("sha256")).getMessage());
        assertEquals("invalid checksum digest format",
                assertThrows(EngineException.class, () -> Digest.parse("sha256:" + "G".repeat(64))).getMessage());
        assertEquals("e5ce47fd22ae", Digest.parse(D).shortHex());
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                Digest.sha256("hello".getBytes()).toString());
    }
}
