package dev.skiff.runtime.files;

import java.io.IOException;
import java.nio.channels.GatheringByteChannel;

/**
 * An input whose bytes already sit in native memory (network buffers), so they can be written to a
 * channel as they are instead of being copied into a heap array and out of it again.
 */
public interface ChannelInput {
    /**
     * Writes the next bytes, at least one and at most {@code max}, to {@code out}, waiting for them when
     * too few have arrived; returns how many, or -1 at the end of the input.
     */
    long transferTo(GatheringByteChannel out, long max) throws IOException;
}
