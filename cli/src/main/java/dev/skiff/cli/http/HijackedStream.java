package dev.skiff.cli.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The raw duplex byte stream left after a {@code 101 Switching Protocols}/{@code UPGRADED}
 * answer: what the daemon writes (container output) and what we write (stdin, never framed).
 */
public final class HijackedStream implements Closeable {
    private final UnixSocketConnection connection;

    HijackedStream(UnixSocketConnection connection) {
        this.connection = connection;
    }

    /** Includes any bytes that arrived together with the 101 head. */
    public InputStream input() {
        return connection.input();
    }

    public OutputStream output() {
        return connection.output();
    }

    /** Signals end of stdin; the daemon keeps sending output until the process is done. */
    public void closeOutput() throws IOException {
        connection.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
