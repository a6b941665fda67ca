package dev.skiff.daemon.pull;

import java.io.IOException;

/** Progress could not be delivered: the client went away, so the pull stops. */
final class ClientGoneException extends IOException {
    ClientGoneException(IOException cause) {
        super("client stopped reading pull progress: " + cause.getMessage(), cause);
    }
}
