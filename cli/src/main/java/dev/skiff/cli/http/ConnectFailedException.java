package dev.skiff.cli.http;

import java.io.IOException;
import java.nio.file.Path;

/** The socket could not be connected (missing file, nobody listening, no permission). */
public final class ConnectFailedException extends IOException {
    public ConnectFailedException(Path socket, IOException cause) {
        super("cannot connect to " + socket + ": " + cause.getMessage(), cause);
    }
}
