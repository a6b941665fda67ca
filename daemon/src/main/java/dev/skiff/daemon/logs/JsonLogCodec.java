package dev.skiff.daemon.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

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
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("log", new String(e.line(), StandardCharsets.UTF_8));
            g.writeStringField("stream", e.stream());
            g.writeStringField("time", Timestamps.rfc3339Nano(e.time()));
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        out.write('\n');
        return out.toByteArray();
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
                    case "time" -> time = Instant.parse(p.getValueAsString());
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
}
