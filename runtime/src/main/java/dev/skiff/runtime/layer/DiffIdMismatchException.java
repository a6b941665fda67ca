package dev.skiff.runtime.layer;

import java.io.IOException;

/** The extracted tar's sha256 is not the diff id the image configuration promised. */
public final class DiffIdMismatchException extends IOException {
    private final String expected;
    private final String actual;

    public DiffIdMismatchException(String expected, String actual) {
        super("layer diff id mismatch: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
