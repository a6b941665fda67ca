package dev.skiff.daemon.http;

import java.io.IOException;

/** Chunked JSON messages (pull, push, load, events, stats). */
public interface JsonStream extends AutoCloseable {
    /** Sends one message; blocks while the client is not reading. */
    void send(Object message) throws IOException;

    /** Sends dockerd's in-stream error message. */
    void sendError(String message) throws IOException;

    @Override
    void close();
}
