package dev.skiff.daemon.http;

import java.io.OutputStream;
import java.util.Map;

/** How a handler answers. Exactly one of these is used per request. */
public interface ApiResponse {
    /** Adds a header to whatever response is sent next; returns this response. */
    ApiResponse header(String name, String value);

    void json(int status, Object body);

    void empty(int status);

    void text(int status, String contentType, String body);

    /** A 200 chunked stream of JSON messages, each flushed as its own chunk. */
    JsonStream jsonStream();

    /** The same with another line end: dockerd ends event and stats messages with "\n". */
    JsonStream jsonStream(String lineEnd);

    /** A chunked byte stream (tar archives, logs); a null content type sends none (dockerd's logs). */
    OutputStream binaryStream(int status, String contentType, Map<String, String> headers);

    /** Answers 101 UPGRADED and turns the connection into a raw duplex stream. */
    Hijacked hijack(String contentType);

    /** Whether anything has been sent yet (after that, errors can no longer become a status). */
    boolean started();
}
