package dev.skiff.cli.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response whose head has been read. The body is read from {@link #body()} as it arrives;
 * closing the response closes its connection (no keep-alive).
 */
public final class HttpResponse implements Closeable {
    private final int status;
    private final String reason;
    private final HttpHeaders headers;
    private final InputStream body;
    private final UnixSocketConnection connection;

    HttpResponse(int status, String reason, HttpHeaders headers, InputStream body, UnixSocketConnection connection) {
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
        this.connection = connection;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public InputStream body() {
        return body;
    }

    public byte[] readBody() throws IOException {
        try (this) {
            return body.readAllBytes();
        }
    }

    /** The connection as a raw duplex stream; only valid after a 101 answer. */
    public HijackedStream hijacked() {
        if (status != 101) {
            throw new IllegalStateException("unable to upgrade to tcp, received " + status);
        }
        return new HijackedStream(connection);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
