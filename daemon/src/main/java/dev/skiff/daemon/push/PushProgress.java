package dev.skiff.daemon.push;

import java.io.IOException;

/** Where a push reports: the client's JSON stream (progress messages, the closing aux message). */
public interface PushProgress {
    void send(Object message) throws IOException;
}
