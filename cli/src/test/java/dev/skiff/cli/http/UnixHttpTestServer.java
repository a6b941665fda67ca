package dev.skiff.cli.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP peer on a Unix socket for wire-level tests: it parses each request (head and
 * body, Content-Length or chunked) and lets the test answer with exact bytes. It knows nothing
 * of the Engine API beyond what a test scripts.
 */
public final class UnixHttpTestServer implements Closeable {
    /** Answers one request on its connection; may keep using the connection (hijack). */
    public interface Handler {
        void handle(Request request, Exchange exchange) throws IOException;
    }

    /** A parsed request as it arrived. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The server side of one connection. */
    public static final class Exchange {
        private final SocketChannel channel;
        private final InputStream in;

        Exchange(SocketChannel channel, InputStream in) {
            this.channel = channel;
            this.in = in;
        }

        public void write(String ascii) throws IOException {
            write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        public void write(byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        /** The raw bytes the client sends after the head (for hijacked connections). */
        public InputStream input() {
            return in;
        }

        public void close() throws IOException {
            channel.close();
        }
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public UnixHttpTestServer(Path directory, Handler handler) throws IOException {
        this.socket = directory.resolve("test.sock");
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        this.server.bind(UnixDomainSocketAddress.of(socket));
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "test-http-server");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public Path socket() {
        return socket;
    }

    public List<Request> requests() {
        return requests;
    }

    /** Handler failures, so a test can assert the server side saw nothing wrong. */
    public List<Throwable> failures() {
        return failures;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                Thread t = new Thread(() -> serve(channel), "test-http-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            InputStream in = new BufferedInputStream(new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return channel.read(ByteBuffer.wrap(b, off, len));
                }
            });
            Request request = readRequest(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            handler.handle(request, new Exchange(channel, in));
        } catch (IOException | RuntimeException | AssertionError e) {
            failures.add(e);
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String requestLine = HttpLines.readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = HttpLines.readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.put(name, line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = new ChunkedInputStream(new NonClosing(in)).readAllBytes();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = new byte[0];
        }
        if (!parts[2].equals("HTTP/1.1")) {
            throw new IOException("not HTTP/1.1: " + requestLine);
        }
        return new Request(parts[0], parts[1], headers, body);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }

    /** Keeps the chunk decoder from closing the connection when it is done with the body. */
    private static final class NonClosing extends InputStream {
        private final InputStream in;

        NonClosing(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
        }
    }

    /** Encodes {@code parts} as one chunked body, one chunk per part. */
    public static byte[] chunked(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
