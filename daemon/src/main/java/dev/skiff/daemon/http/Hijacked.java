package dev.skiff.daemon.http;

import java.io.InputStream;
import java.io.OutputStream;

/** A connection taken over after 101 UPGRADED (attach, exec start). */
public interface Hijacked extends AutoCloseable {
    /** Bytes from the client; read() gives -1 once the client half-closes. */
    InputStream in();

    /** Raw bytes to the client; any framing is the caller's. */
    OutputStream out();

    /** Half-closes our side once everything written has gone out. */
    void closeOutput();

    @Override
    void close();
}
