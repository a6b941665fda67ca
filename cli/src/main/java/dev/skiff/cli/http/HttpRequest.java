package dev.skiff.cli.http;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP/1.1 request: method, request target (path and encoded query) and headers, plus an
 * optional body that is either a byte array (sent with Content-Length) or a stream of unknown
 * length (sent with Transfer-Encoding: chunked).
 */
public final class HttpRequest {
    private final String method;
    private final String target;
    private final HttpHeaders headers = new HttpHeaders();
    private byte[] fixedBody;
    private InputStream streamBody;

    private HttpRequest(String method, String target) {
        this.method = Objects.requireNonNull(method);
        this.target = Objects.requireNonNull(target);
    }

    public static HttpRequest of(String method, String target) {
        return new HttpRequest(method, target);
    }

    public HttpRequest header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public HttpRequest body(byte[] body, String contentType) {
        this.fixedBody = body;
        this.streamBody = null;
        return header("Content-Type", contentType);
    }

    public HttpRequest jsonBody(String json) {
        return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A body of unknown length, sent chunked as it is read. */
    public HttpRequest streamBody(InputStream body, String contentType) {
        this.streamBody = body;
        this.fixedBody = null;
        return header("Content-Type", contentType);
    }

    /** Asks the server to switch the connection to a raw duplex stream (answered by 101). */
    public HttpRequest upgradeToTcp() {
        header("Connection", "Upgrade");
        return header("Upgrade", "tcp");
    }

    public String method() {
        return method;
    }

    public String target() {
        return target;
    }

    public HttpHeaders headers() {
        return headers;
    }

    byte[] fixedBody() {
        return fixedBody;
    }

    InputStream streamBody() {
        return streamBody;
    }

    /**
     * Methods that carry a body by convention get an explicit {@code Content-Length: 0} when they
     * have none, as the docker CLI sends for start, stop, kill and the like.
     */
    boolean expectsBody() {
        return method.equals("POST") || method.equals("PUT") || method.equals("DELETE");
    }
}
