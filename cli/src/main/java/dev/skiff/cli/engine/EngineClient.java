package dev.skiff.cli.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.cli.engine.model.ContainerDetails;
import dev.skiff.cli.engine.model.ContainerSummary;
import dev.skiff.cli.engine.model.CreateResponse;
import dev.skiff.cli.engine.model.ImageDeleteItem;
import dev.skiff.cli.engine.model.ImageSummary;
import dev.skiff.cli.http.ConnectFailedException;
import dev.skiff.cli.http.HijackedStream;
import dev.skiff.cli.http.HttpClient;
import dev.skiff.cli.http.HttpRequest;
import dev.skiff.cli.http.HttpResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Typed calls of the Docker Engine API. The first call pings the daemon to settle the API
 * version (as the docker CLI does); every later path carries that {@code /vX.Y} prefix.
 * Error answers become {@link DaemonErrorException} with the daemon's message.
 */
public final class EngineClient {
    private final DaemonHost host;
    private final HttpClient http;
    private final ApiVersion pinned;
    private ApiVersion negotiated;

    /** @param pinned a version fixed by the user (SKIFF_API_VERSION/DOCKER_API_VERSION), or null */
    public EngineClient(DaemonHost host, ApiVersion pinned, String userAgent) {
        this.host = host;
        this.http = new HttpClient(host.socket(), userAgent);
        this.pinned = pinned;
    }

    public DaemonHost host() {
        return host;
    }

    /** The version used for requests, pinging the daemon on first use. */
    public synchronized ApiVersion apiVersion() throws IOException {
        if (negotiated == null) {
            String advertised = ping();
            negotiated = pinned != null ? pinned : ApiVersion.negotiate(advertised);
        }
        return negotiated;
    }

    /** {@code HEAD /_ping}, falling back to {@code GET} when HEAD is not routed; returns Api-Version. */
    private String ping() throws IOException {
        HttpResponse head = exchange(HttpRequest.of("HEAD", "/_ping"));
        head.close();
        HttpResponse answer = head;
        if (head.status() == 404) {
            answer = exchange(HttpRequest.of("GET", "/_ping"));
            answer.close();
        }
        return answer.headers().first("Api-Version").orElse(null);
    }

    public JsonNode version() throws IOException, DaemonErrorException {
        return json(get("/version", null));
    }

    public JsonNode info() throws IOException, DaemonErrorException {
        return json(get("/info", null));
    }

    /** Pulls and hands every progress message to {@code messages}; stream errors are thrown. */
    public void pullImage(String fromImage, String tag, Consumer<JsonNode> messages)
            throws IOException, DaemonErrorException, StreamErrorException {
        Query q = new Query().add("fromImage", fromImage).add("tag", tag);
        // The anonymous credential the docker CLI always sends: base64url of "{}".
        HttpRequest request = HttpRequest.of("POST", path("/images/create", q)).header("X-Registry-Auth", "e30=");
        try (HttpResponse response = checked(request)) {
            readJsonMessages(response.body(), messages);
        }
    }

    public List<ImageSummary> images(boolean all, Filters filters) throws IOException, DaemonErrorException {
        Query q = new Query().flag("all", all);
        addFilters(q, filters);
        return list(get("/images/json", q), new TypeReference<>() { });
    }

    /** The image document exactly as the daemon sent it. */
    public byte[] inspectImage(String name) throws IOException, DaemonErrorException {
        return get("/images/" + PathSegments.escape(name) + "/json", null);
    }

    public List<ImageDeleteItem> removeImage(String name, boolean force) throws IOException, DaemonErrorException {
        Query q = new Query().flag("force", force);
        byte[] body = send(HttpRequest.of("DELETE", path("/images/" + PathSegments.escape(name), q)));
        return EngineJson.MAPPER.readValue(body, new TypeReference<List<ImageDeleteItem>>() { });
    }

    public void tagImage(String source, String repository, String tag) throws IOException, DaemonErrorException {
        Query q = new Query().add("repo", repository).add("tag", tag);
        send(HttpRequest.of("POST", path("/images/" + PathSegments.escape(source) + "/tag", q)));
    }

    public List<ContainerSummary> containers(boolean all, Filters filters) throws IOException, DaemonErrorException {
        Query q = new Query().flag("all", all);
        addFilters(q, filters);
        return list(get("/containers/json", q), new TypeReference<>() { });
    }

    public byte[] inspectContainer(String name) throws IOException, DaemonErrorException {
        return get(containerPath(name, "/json"), null);
    }

    public ContainerDetails containerDetails(String name) throws IOException, DaemonErrorException {
        return EngineJson.MAPPER.readValue(inspectContainer(name), ContainerDetails.class);
    }

    public CreateResponse createContainer(String name, JsonNode config) throws IOException, DaemonErrorException {
        Query q = new Query();
        if (name != null) {
            q.add("name", name);
        }
        HttpRequest request = HttpRequest.of("POST", path("/containers/create", q))
                .jsonBody(EngineJson.MAPPER.writeValueAsString(config));
        return EngineJson.MAPPER.readValue(send(request), CreateResponse.class);
    }

    /** Attaches to a created container's streams; the connection becomes the raw stream. */
    public HijackedStream attach(String id, boolean stdin) throws IOException, DaemonErrorException {
        Query q = new Query().flag("stderr", true).flag("stdin", stdin).flag("stdout", true).flag("stream", true);
        HttpRequest request = HttpRequest.of("POST", path(containerPath(id, "/attach"), q))
                .header("Content-Type", "text/plain")
                .upgradeToTcp();
        HttpResponse response = checked(request);
        if (response.status() != 101) {
            response.close();
            throw new IOException("unable to upgrade to tcp, received " + response.status());
        }
        return response.hijacked();
    }

    /** Registers a wait; {@code condition} may be null (the daemon's default, not-running). */
    public PendingWait waitContainer(String id, String condition) throws IOException, DaemonErrorException {
        Query q = new Query();
        if (condition != null) {
            q.add("condition", condition);
        }
        return new PendingWait(checked(HttpRequest.of("POST", path(containerPath(id, "/wait"), q))));
    }

    /** @return false when the container was already running (304), which is still a success */
    public boolean startContainer(String id) throws IOException, DaemonErrorException {
        try (HttpResponse response = checked(HttpRequest.of("POST", path(containerPath(id, "/start"), null)))) {
            return response.status() != 304;
        }
    }

    /** @param timeoutSeconds seconds before SIGKILL, or null for the container's default */
    public void stopContainer(String id, Integer timeoutSeconds) throws IOException, DaemonErrorException {
        Query q = new Query();
        if (timeoutSeconds != null) {
            q.add("t", Integer.toString(timeoutSeconds));
        }
        send(HttpRequest.of("POST", path(containerPath(id, "/stop"), q)));
    }

    /** @param signal a name or number as the user typed it, or null for SIGKILL */
    public void killContainer(String id, String signal) throws IOException, DaemonErrorException {
        Query q = new Query();
        if (signal != null) {
            q.add("signal", signal);
        }
        send(HttpRequest.of("POST", path(containerPath(id, "/kill"), q)));
    }

    public void removeContainer(String id, boolean force, boolean volumes) throws IOException, DaemonErrorException {
        Query q = new Query().flag("force", force).flag("v", volumes);
        send(HttpRequest.of("DELETE", path(containerPath(id, ""), q)));
    }

    /** The log body as it streams: multiplexed frames, or raw bytes for a TTY container. */
    public InputStream containerLogs(String id, Query options) throws IOException, DaemonErrorException {
        return checked(HttpRequest.of("GET", path(containerPath(id, "/logs"), options))).body();
    }

    private static String containerPath(String name, String suffix) {
        return "/containers/" + PathSegments.escape(name) + suffix;
    }

    private static void addFilters(Query q, Filters filters) {
        if (filters != null && !filters.isEmpty()) {
            q.add("filters", filters.toJson());
        }
    }

    private String path(String route, Query query) throws IOException {
        String versioned = "/v" + apiVersion() + route;
        return query == null || query.isEmpty() ? versioned : versioned + "?" + query.encode();
    }

    private byte[] get(String route, Query query) throws IOException, DaemonErrorException {
        return send(HttpRequest.of("GET", path(route, query)));
    }

    private byte[] send(HttpRequest request) throws IOException, DaemonErrorException {
        return checked(request).readBody();
    }

    /** Sends and turns an error status into {@link DaemonErrorException}; the caller owns the response. */
    private HttpResponse checked(HttpRequest request) throws IOException, DaemonErrorException {
        HttpResponse response = exchange(request);
        if (response.status() >= 400) {
            byte[] body = response.readBody();
            String contentType = response.headers().first("Content-Type").orElse("");
            throw new DaemonErrorException(response.status(),
                    ErrorBodies.message(response.status(), response.reason(), contentType, body, request.target()));
        }
        return response;
    }

    private HttpResponse exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request);
        } catch (ConnectFailedException e) {
            throw new DaemonUnreachableException(host, e);
        }
    }

    private static JsonNode json(byte[] body) throws IOException {
        return EngineJson.MAPPER.readTree(body);
    }

    private static <T> List<T> list(byte[] body, TypeReference<List<T>> type) throws IOException {
        List<T> items = EngineJson.MAPPER.readValue(body, type);
        return items == null ? List.of() : items;
    }

    /** Reads a stream of JSON objects (one per line); an {@code error} object ends it as an exception. */
    static void readJsonMessages(InputStream body, Consumer<JsonNode> messages) throws IOException, StreamErrorException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message = EngineJson.MAPPER.readTree(line);
            JsonNode detail = message.path("errorDetail").path("message");
            if (detail.isTextual() || message.hasNonNull("error")) {
                throw new StreamErrorException(detail.isTextual() ? detail.asText() : message.path("error").asText());
            }
            messages.accept(message);
        }
    }
}
