package dev.skiff.daemon.logs;

import java.time.Instant;

/**
 * One record of a container log: what one stream wrote up to and including a newline, or a partial
 * line (no trailing newline) when the line was too long or the stream ended without one.
 *
 * @param stream "stdout" or "stderr"
 * @param line   the bytes as the container wrote them
 * @param time   when the daemon read them
 */
public record LogEntry(String stream, byte[] line, Instant time) {
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public boolean isStderr() {
        return STDERR.equals(stream);
    }
}
