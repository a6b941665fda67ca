package dev.skiff.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;

/**
 * Prints JSON progress messages (pull, load) as the docker CLI does when its output is not a
 * terminal: messages that carry a progress bar are skipped, every other message becomes one
 * line {@code [id: ][(from x) ]status}, and {@code stream} messages are printed as they are.
 */
public final class ProgressPrinter {
    private final PrintStream out;

    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    public void print(JsonNode message) {
        String line = render(message);
        if (line != null) {
            out.print(line);
            out.flush();
        }
    }

    /** The text for one message, or null when it is only a progress update. */
    public static String render(JsonNode message) {
        if (hasProgress(message.path("progressDetail"))) {
            return null;
        }
        StringBuilder line = new StringBuilder();
        String id = message.path("id").asText("");
        if (!id.isEmpty()) {
            line.append(id).append(": ");
        }
        String from = message.path("from").asText("");
        if (!from.isEmpty()) {
            line.append("(from ").append(from).append(") ");
        }
        String stream = message.path("stream").asText("");
        String status = message.path("status").asText("");
        String legacyProgress = message.path("progress").asText("");
        if (!stream.isEmpty() && status.isEmpty()) {
            return line.append(stream).toString();
        }
        line.append(status);
        if (!legacyProgress.isEmpty() && !message.has("progressDetail")) {
            line.append(' ').append(legacyProgress);
        }
        return line.append('\n').toString();
    }

    /** A progressDetail with a current or total count is drawn as a bar, which a pipe does not show. */
    private static boolean hasProgress(JsonNode detail) {
        return detail.path("current").asLong(0) > 0 || detail.path("total").asLong(0) > 0;
    }
}
