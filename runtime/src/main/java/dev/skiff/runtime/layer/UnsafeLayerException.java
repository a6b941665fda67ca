package dev.skiff.runtime.layer;

import java.io.IOException;

/** A layer tar that tries to write outside its layer directory (.., absolute paths, escaping links). */
public final class UnsafeLayerException extends IOException {
    public UnsafeLayerException(String message) {
        super(message);
    }
}
