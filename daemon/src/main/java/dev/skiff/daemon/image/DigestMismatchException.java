package dev.skiff.daemon.image;

import dev.skiff.daemon.reference.Digest;

import java.io.IOException;

/** Downloaded content whose hash is not the digest it was fetched by; it was not stored. */
public final class DigestMismatchException extends IOException {
    private final Digest expected;

    public DigestMismatchException(Digest expected, String actual) {
        super("content of " + expected + " hashes to " + actual);
        this.expected = expected;
    }

    public Digest expected() {
        return expected;
    }
}
