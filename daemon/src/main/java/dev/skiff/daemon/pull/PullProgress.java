package dev.skiff.daemon.pull;

import java.io.IOException;

/** Where a pull reports progress (the client's JSON stream). Called from several threads. */
public interface PullProgress {
    void send(ProgressMessage message) throws IOException;
}
