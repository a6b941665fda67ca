package dev.skiff.cli.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageReferenceTest {
    @Test
    void officialImagesGoToLibrary() {
        ImageReference ref = ImageReference.parseNormalized("busybox");
        assertEquals("docker.io/library/busybox", ref.name());
        assertNull(ref.tag());
        assertEquals("docker.io/library/busybox:latest", ref.withDefaultTag().toString());
        assertEquals("busybox:latest", ref.withDefaultTag().familiarString());
    }

    @Test
    void userRepositoriesAndRegistries() {
        assertEquals("docker.io/myrepo/bb", ImageReference.parseNormalized("myrepo/bb:2.0").name());
        assertEquals("myrepo/bb", ImageReference.parseNormalized("myrepo/bb:2.0").familiarName());
        ImageReference local = ImageReference.parseNormalized("localhost:5000/team/bb:v1");
        assertEquals("localhost:5000", local.domain());
        assertEquals("team/bb", local.path());
        assertEquals("v1", local.tag());
        assertEquals("localhost:5000/team/bb", local.familiarName());
        assertEquals("localhost/x", ImageReference.parseNormalized("localhost/x").name());
        assertEquals("docker.io/library/busybox", ImageReference.parseNormalized("docker.io/busybox").name());
        assertEquals("busybox", ImageReference.parseNormalized("docker.io/library/busybox").familiarName());
    }

    @Test
    void digestsGoIntoTheTagParameter() {
        String digest = "sha256:e5ce47fd22aeb9b2db6665aa1dea406b40794c36baa3e86214f83a7e1a9707c3";
        ImageReference ref = ImageReference.parseNormalized("busybox@" + digest);
        assertEquals(digest, ref.tagOrDigest());
        assertEquals(ref, ref.withDefaultTag(), "a digest reference gets no default tag");
        assertEquals("docker.io/library/busybox@" + digest, ref.toString());
    }

    @Test
    void invalidReferencesAreRejectedWithDockersWording() {
        IllegalArgumentException upper = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parseNormalized("Invalid_Upper:1"));
        assertEquals("invalid reference format: repository name (library/Invalid_Upper) must be lowercase",
                upper.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parseNormalized("bad name"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parseNormalized("x:"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parseNormalized("<none>:<none>"));
        assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parseNormalized("a".repeat(64).replace('a', 'f')));
    }
}
