package dev.skiff.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a Unix socket: one connection per request, which is all a
 * short-lived CLI needs, and which lets a request's connection become a hijacked stream.
 */
public final class HttpClient {
    /** The Host the docker CLI sends over a Unix socket, where the name carries no meaning. */
    static final String HOST = "api.moby.localhost";

    private final Path socket;
    private final String userAgent;

    public HttpClient(Path socket, String userAgent) {
        this.socket = socket;
        this.userAgent = userAgent;
    }

    public Path socket() {
        return socket;
    }

    /** Sends the request and returns once the response head is in; the body streams after. */
    public HttpResponse send(HttpRequest request) throws IOException {
        UnixSocketConnection connection;
        try {
            connection = UnixSocketConnection.open(socket);
        } catch (IOException e) {
            throw new ConnectFailedException(socket, e);
        }
        try {
            writeRequest(request, connection.output());
            return readResponse(request, connection);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void writeRequest(HttpRequest request, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(HOST).append("\r\n");
        head.append("User-Agent: ").append(userAgent).append("\r\n");
        byte[] fixed = request.fixedBody();
        InputStream stream = request.streamBody();
        if (stream != null) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (fixed != null) {
            head.append("Content-Length: ").append(fixed.length).append("\r\n");
        } else if (request.expectsBody()) {
            head.append("Content-Length: 0\r\n");
        }
        for (Map.Entry<String, String> h : request.headers().all()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("\r\n");
        out.write(HttpLines.ascii(head.toString()));
        if (fixed != null) {
            out.write(fixed);
        } else if (stream != null) {
            ChunkedOutputStream chunked = new ChunkedOutputStream(out);
            stream.transferTo(chunked);
            chunked.finish();
        }
        out.flush();
    }

    private HttpResponse readResponse(HttpRequest request, UnixSocketConnection connection) throws IOException {
        InputStream in = connection.input();
        String statusLine = HttpLines.readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("malformed status line: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line: " + statusLine);
        }
        String reason = parts.length > 2 ? parts[2] : "";
        HttpHeaders headers = readHeaders(in);
        return new HttpResponse(status, reason, headers, bodyStream(request, status, headers, in), connection);
    }

    private static HttpHeaders readHeaders(InputStream in) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        String line;
        while ((line = HttpLines.readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        if (line == null) {
            throw new IOException("connection closed inside the response head");
        }
        return headers;
    }

    private static InputStream bodyStream(HttpRequest request, int status, HttpHeaders headers, InputStream in)
            throws IOException {
        if (status == 101) {
            return InputStream.nullInputStream(); // the connection itself is the stream now
        }
        if (request.method().equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        if (headers.hasToken("Transfer-Encoding", "chunked")) {
            return new ChunkedInputStream(in);
        }
        String length = headers.first("Content-Length").orElse(null);
        if (length != null) {
            try {
                return new FixedLengthInputStream(in, Long.parseLong(length));
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length: " + length);
            }
        }
        return in; // delimited by the server closing the connection
    }
}
