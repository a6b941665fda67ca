package dev.skiff.daemon.stream;

import java.io.IOException;

/** A receiver of a container's live output (an attached client). */
public interface OutputSubscriber {
    /** Output of one stream, as read; a failure detaches the subscriber. */
    void output(StreamType stream, byte[] data, int off, int len) throws IOException;

    /** The process has exited and all its output was delivered (or it never started). */
    void end();
}
