package dev.skiff.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.json.JsonWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * One request and its response on a connection. The handler runs on a worker thread, or on the
 * I/O thread for routes that answer from memory; every write goes through {@link Outbound} so it
 * honours back-pressure, and the exchange tells its connection when the response is complete so
 * the next request (keep-alive) can be served.
 */
final class Exchange implements ApiRequest, ApiResponse {
    private static final System.Logger LOG = System.getLogger("skiffd.http");
    private static final HttpResponseStatus UPGRADED = new HttpResponseStatus(101, "UPGRADED");
    private static final byte[] NEWLINE = {'\n'};

    private enum State { FRESH, STREAMING, DONE, HIJACKED }

    private final ApiConnection connection;
    private final Channel channel;
    private final HttpRequest request;
    private final QueryStringDecoder uri;
    private final InboundBytes body;
    private final Outbound out;
    private final List<Runnable> goneActions = new CopyOnWriteArrayList<>();
    private volatile boolean gone;
    private String apiVersion = ApiVersion.CURRENT;
    private String path;
    private Map<String, String> params = Map.of();
    private Router.Match match;
    private Throwable routeFailure;
    private State state = State.FRESH;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    /** The open binary stream, if any: what it still buffers is sent when the handler returns. */
    private ChunkedOutput binary;

    Exchange(ApiConnection connection, Channel channel, HttpRequest request, Outbound out) {
        this.connection = connection;
        this.channel = channel;
        this.request = request;
        this.uri = new QueryStringDecoder(request.uri());
        this.body = new InboundBytes(channel);
        this.out = out;
        this.path = uri.rawPath();
    }

    InboundBytes bodyBytes() {
        return body;
    }

    /**
     * Resolves the route when the request's head has arrived (on the I/O thread) and tells whether
     * the handler answers from memory, so it can run there too. A request that fails here is
     * answered with its error, which needs nothing but memory either.
     */
    boolean route(Router router) {
        try {
            ApiVersion.VersionedPath vp = ApiVersion.split(uri.rawPath());
            apiVersion = vp.version();
            path = vp.path();
            try {
                uri.parameters();   // decoded once here, so a bad escape is the client's error
                match = router.match(request.method().name(), path);
            } catch (IllegalArgumentException badEscape) {
                throw EngineException.invalidParameter("invalid URL escape: " + badEscape.getMessage());
            }
            if (match == null) {
                throw EngineException.notFound("page not found");
            }
            params = match.params();
            return match.inMemory().test(this);
        } catch (Throwable t) {
            routeFailure = t;
            return true;
        }
    }

    /** Runs the routed handler (or answers the routing failure) and completes the response. */
    void run() {
        try {
            if (routeFailure != null) {
                throw routeFailure;
            }
            match.handler().handle(this, this);
        } catch (Throwable t) {
            fail(t);
        } finally {
            finish();
        }
    }

    private void fail(Throwable t) {
        EngineException e = ErrorResponses.classify(t);
        if (e.kind() == dev.skiff.daemon.errors.ErrorKind.SYSTEM) {
            LOG.log(System.Logger.Level.WARNING, request.method() + " " + request.uri() + ": " + e.getMessage(), t);
        } else {
            LOG.log(System.Logger.Level.DEBUG, request.method() + " " + request.uri() + ": " + e.getMessage());
        }
        if (state == State.FRESH) {
            HttpResponseStatus status = ErrorResponses.status(e.kind());
            if (status.code() == 304) {
                empty(304);
            } else {
                json(status.code(), Map.of("message", e.getMessage() == null ? "" : e.getMessage()));
            }
        } else if (state == State.STREAMING || state == State.HIJACKED) {
            // Too late for a status: the client sees the stream end early.
            state = State.DONE;
            channel.close();
        }
    }

    private void finish() {
        body.close();
        switch (state) {
            case FRESH -> fail(EngineException.system("no response for " + request.method() + " " + path));
            case STREAMING -> {
                state = State.DONE;
                if (binary != null) {
                    try {
                        binary.flush();
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.DEBUG, "client went away: " + e.getMessage());
                    }
                }
                writeQuietly(LastHttpContent.EMPTY_LAST_CONTENT);
                connection.responseComplete(this);
            }
            case HIJACKED -> {
                state = State.DONE;
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            case DONE -> {
            }
        }
    }

    void clientGone() {
        if (gone) {
            return;
        }
        gone = true;
        body.fail("client closed the connection");
        for (Runnable r : goneActions) {
            r.run();
        }
    }

    // ---- ApiRequest ----

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String apiVersion() {
        return apiVersion;
    }

    @Override
    public String pathParam(String name) {
        return params.get(name);
    }

    @Override
    public String query(String name) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public List<String> queryAll(String name) {
        List<String> v = uri.parameters().get(name);
        return v == null ? List.of() : List.copyOf(v);
    }

    @Override
    public boolean queryBool(String name) {
        return queryBool(name, false);
    }

    @Override
    public boolean queryBool(String name, boolean absent) {
        String v = query(name);
        if (v == null) {
            return absent;
        }
        // dockerd's BoolValue: everything but "", 0, no, false and none is true
        String b = v.trim().toLowerCase(Locale.ROOT);
        return !(b.isEmpty() || b.equals("0") || b.equals("no") || b.equals("false") || b.equals("none"));
    }

    @Override
    public String header(String name) {
        return request.headers().get(name);
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public JsonNode bodyJson() {
        byte[] bytes = readBody();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw EngineException.invalidParameter("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw EngineException.invalidParameter("invalid JSON: " + e.getMessage());
        }
    }

    @Override
    public <T> T bodyJson(Class<T> type) {
        JsonNode node = bodyJson();
        if (node == null) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw EngineException.invalidParameter("invalid JSON: " + e.getOriginalMessage());
        }
    }

    private byte[] readBody() {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw EngineException.invalidParameter("error reading request body: " + e.getMessage());
        }
    }

    @Override
    public void onClientGone(Runnable action) {
        goneActions.add(action);
        if (gone && goneActions.remove(action)) {
            action.run();
        }
    }

    // ---- ApiResponse ----

    @Override
    public ApiResponse header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    @Override
    public boolean started() {
        return state != State.FRESH;
    }

    @Override
    public void json(int status, Object value) {
        byte[] bytes;
        try {
            // Go's json.Encoder ends every document with a newline; dockerd's bodies do too
            bytes = JsonWriter.encode(value, NEWLINE);
        } catch (UncheckedIOException e) {
            throw EngineException.system("cannot encode response: " + e.getCause().getMessage(), e);
        }
        full(status, "application/json", Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void empty(int status) {
        full(status, null, Unpooled.EMPTY_BUFFER);
    }

    @Override
    public void text(int status, String contentType, String text) {
        full(status, contentType, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private void full(int status, String contentType, ByteBuf content) {
        begin();
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content,
                ResponseHeaders.UNVALIDATED, ResponseHeaders.UNVALIDATED);
        ResponseHeaders.addCommon(r.headers());
        extraHeaders.forEach((k, v) -> r.headers().set(k, v));
        if (contentType != null) {
            r.headers().set("Content-Type", contentType);
        }
        if (status != 304) {
            r.headers().setInt("Content-Length", content.readableBytes());
        }
        state = State.DONE;
        writeQuietly(r);
        connection.responseComplete(this);
    }

    @Override
    public JsonStream jsonStream() {
        return jsonStream("\r\n");
    }

    @Override
    public JsonStream jsonStream(String lineEnd) {
        startChunked(200, "application/json", Map.of());
        byte[] end = lineEnd.getBytes(StandardCharsets.US_ASCII);
        return new JsonStream() {
            @Override
            public void send(Object message) throws IOException {
                byte[] json;
                try {
                    json = JsonWriter.encode(message, end);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                out.write(new DefaultHttpContent(Unpooled.wrappedBuffer(json)));
            }

            @Override
            public void sendError(String message) throws IOException {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("errorDetail", Map.of("message", message));
                m.put("error", message);
                send(m);
            }

            @Override
            public void close() {
                // the exchange ends the chunked body when the handler returns
            }
        };
    }

    @Override
    public OutputStream binaryStream(int status, String contentType, Map<String, String> headers) {
        startChunked(status, contentType, headers);
        binary = new ChunkedOutput(out);
        return binary;
    }

    private void startChunked(int status, String contentType, Map<String, String> headers) {
        begin();
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), ResponseHeaders.UNVALIDATED);
        ResponseHeaders.addCommon(r.headers());
        if (contentType != null) {
            r.headers().set("Content-Type", contentType);
        }
        r.headers().set("Transfer-Encoding", "chunked");
        extraHeaders.forEach((k, v) -> r.headers().set(k, v));
        headers.forEach((k, v) -> r.headers().set(k, v));
        state = State.STREAMING;
        writeQuietly(r);
    }

    @Override
    public Hijacked hijack(String contentType) {
        if (channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("an in-memory route cannot hijack " + this);
        }
        begin();
        state = State.HIJACKED;
        InboundBytes raw = new InboundBytes(channel);
        try {
            channel.eventLoop().submit(() -> {
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, UPGRADED);
                r.headers().set("Content-Type", contentType);
                r.headers().set("Connection", "Upgrade");
                r.headers().set("Upgrade", "tcp");
                channel.writeAndFlush(r);
                connection.enterHijack(raw);
                if (channel.pipeline().get(HttpServerCodec.class) != null) {
                    channel.pipeline().remove(HttpServerCodec.class);
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.system("interrupted while upgrading the connection");
        } catch (ExecutionException e) {
            throw EngineException.system("cannot upgrade the connection: " + e.getCause(), e.getCause());
        }
        return new Hijacked() {
            private final OutputStream output = new RawOutput(out);

            @Override
            public InputStream in() {
                return raw;
            }

            @Override
            public OutputStream out() {
                return output;
            }

            @Override
            public void closeOutput() {
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                    if (channel instanceof DuplexChannel d && channel.isActive()) {
                        d.shutdownOutput();
                    }
                });
            }

            @Override
            public void close() {
                raw.close();
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        };
    }

    private void begin() {
        if (state != State.FRESH) {
            throw new IllegalStateException("response already started for " + request.method() + " " + path);
        }
    }

    private void writeQuietly(Object msg) {
        try {
            out.write(msg);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away: " + e.getMessage());
        }
    }

    /** Response bytes of a chunked body, sent in chunks of up to 64 KiB. */
    private static final class ChunkedOutput extends OutputStream {
        private static final int CHUNK = 64 << 10;
        private final Outbound out;
        /** Allocated on the first write, so a tiny body (a wait result) costs no 64 KiB buffer. */
        private ByteBuf pending;

        ChunkedOutput(Outbound out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (pending == null) {
                    pending = Unpooled.buffer(Math.min(CHUNK, Math.max(len, 256)), CHUNK);
                }
                int n = Math.min(len, CHUNK - pending.readableBytes());
                pending.writeBytes(b, off, n);
                off += n;
                len -= n;
                if (pending.readableBytes() >= CHUNK) {
                    flush();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (pending != null && pending.isReadable()) {
                ByteBuf chunk = pending;
                pending = null;
                out.write(new DefaultHttpContent(chunk));
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Bytes of a hijacked connection, written through as they come. */
    private static final class RawOutput extends OutputStream {
        private final Outbound out;

        RawOutput(Outbound out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                out.write(Unpooled.copiedBuffer(b, off, len));
            }
        }
    }

    @Override
    public String toString() {
        return request.method() + " " + request.uri();
    }
}
