package dev.skiff.cli.engine;

/** An {@code {"errorDetail":...,"error":...}} message inside a 200 JSON stream (pull, load). */
public final class StreamErrorException extends Exception {
    public StreamErrorException(String message) {
        super(message);
    }
}
