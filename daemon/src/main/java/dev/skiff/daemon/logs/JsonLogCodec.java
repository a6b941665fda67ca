package dev.skiff.daemon.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.skiff.daemon.time.GoTime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The json-file log line format of dockerd: {@code {"log":"hi\n","stream":"stdout","time":"<RFC3339Nano>"}}
 * followed by a newline. Output that is not valid UTF-8 is stored with replacement characters, as
 * dockerd does.
 */
public final class JsonLogCodec {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonLogCodec() {
    }

    public static byte[] encode(LogEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(e.line().length + 80);
        encode(e, out);
        return out.toByteArray();
    }

    /**
     * Appends one record and its newline to {@code out}. Written by hand rather than with a JSON
     * generator: this runs once per line of every container's output.
     */
    public static void encode(LogEntry e, ByteArrayOutputStream out) {
        out.writeBytes(LOG_FIELD);
        writeEscaped(e.line(), out);
        out.writeBytes(STREAM_FIELD);
        out.writeBytes(e.stream().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(TIME_FIELD);
        out.writeBytes(GoTime.rfc3339Nano(e.time()).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(END);
    }

    private static final byte[] LOG_FIELD = "{\"log\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_FIELD = "\",\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME_FIELD = "\",\"time\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}\n".getBytes(StandardCharsets.US_ASCII);
    /** How each ASCII byte is written inside a JSON string; null for as it is. */
    private static final byte[][] ESCAPES = new byte[128][];

    static {
        byte[] hex = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = new byte[] {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
        }
        ESCAPES['\n'] = new byte[] {'\\', 'n'};
        ESCAPES['\r'] = new byte[] {'\\', 'r'};
        ESCAPES['\t'] = new byte[] {'\\', 't'};
        ESCAPES['"'] = new byte[] {'\\', '"'};
        ESCAPES['\\'] = new byte[] {'\\', '\\'};
    }

    /** JSON string content; bytes that are not valid UTF-8 become U+FFFD, as in dockerd. */
    private static void writeEscaped(byte[] line, ByteArrayOutputStream out) {
        byte[] utf8 = line;
        for (byte b : line) {
            if (b < 0) {
                // rare: round-trip through a String to replace malformed sequences
                utf8 = new String(line, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                break;
            }
        }
        int start = 0;
        for (int i = 0; i < utf8.length; i++) {
            int c = utf8[i];
            if (c >= 0 && ESCAPES[c] != null) {
                out.write(utf8, start, i - start);
                out.writeBytes(ESCAPES[c]);
                start = i + 1;
            }
        }
        out.write(utf8, start, utf8.length - start);
    }

    /** Decodes one line (without its newline); null when the line is not a log record. */
    public static LogEntry decode(byte[] buf, int off, int len) {
        String log = null;
        String stream = null;
        Instant time = null;
        try (JsonParser p = JSON.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                switch (field) {
                    case "log" -> log = p.getValueAsString();
                    case "stream" -> stream = p.getValueAsString();
                    case "time" -> time = time(p.getValueAsString());
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            return null;
        }
        if (log == null || stream == null || time == null) {
            return null;
        }
        return new LogEntry(stream, log.getBytes(StandardCharsets.UTF_8), time);
    }

    /** The form skiff and dockerd write is read by hand: Instant.parse would cost more than the rest of the record. */
    private static Instant time(String text) {
        Instant t = GoTime.parseUtc(text);
        return t != null ? t : Instant.parse(text);
    }
}
