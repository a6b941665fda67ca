package dev.skiff.cli.engine;

import java.io.IOException;

/** Nothing accepted a connection on the daemon socket. */
public final class DaemonUnreachableException extends IOException {
    public DaemonUnreachableException(DaemonHost host, IOException cause) {
        super("Cannot connect to the skiff daemon at " + host.url() + ". Is the skiff daemon running?", cause);
    }
}
