package dev.skiff.daemon.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skiff.daemon.reference.Digest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small Registry API v2 server on loopback for unit tests of the client: anonymous bearer
 * tokens, manifests by tag and digest, blobs (optionally behind a redirect to another origin, as
 * CDNs do). Every request is logged so tests can check what was sent.
 */
public final class FakeRegistry implements AutoCloseable {
    private volatile String token = "tok-1";

    public record Request(String path, String authorization, String accept) {
    }

    private final HttpServer server;
    private final HttpServer cdn;
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    public volatile boolean redirectBlobs;
    /** When set, the token service hands out tokens only to requests carrying this Authorization. */
    public volatile String tokenCredentials;
    private final Map<String, Integer> blobFailures = new ConcurrentHashMap<>();

    public FakeRegistry() throws IOException {
        cdn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cdn.createContext("/", ex -> {
            log(ex);
            if (ex.getRequestHeaders().getFirst("Authorization") != null) {
                respond(ex, 400, "text/plain", "credentials leaked to the CDN".getBytes());
                return;
            }
            byte[] blob = blobs.get(ex.getRequestURI().getPath().substring(1));
            respond(ex, blob == null ? 404 : 200, "application/octet-stream", blob == null ? new byte[0] : blob);
        });
        cdn.start();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://" + hostPort());
    }

    /** The token the registry accepts now (as /token hands it out). */
    public String token() {
        return token;
    }

    /** The next {@code n} requests for this blob fail with 503 UNAVAILABLE. */
    public void failBlobRequests(Digest blob, int n) {
        blobFailures.put(blob.toString(), n);
    }

    /** Expires every token handed out so far. */
    public void rotateToken() {
        token = token + "x";
    }

    public Digest putBlob(byte[] content) {
        Digest d = Digest.sha256(content);
        blobs.put(d.toString(), content);
        return d;
    }

    /** Serves {@code content} under a digest it does not have (a corrupt or lying registry). */
    public void putBlobAs(Digest claimed, byte[] content) {
        blobs.put(claimed.toString(), content);
    }

    public Digest putManifest(String repo, String tag, String mediaType, byte[] content) {
        Digest d = Digest.sha256(content);
        for (String key : tag == null ? List.of(d.toString()) : List.of(tag, d.toString())) {
            manifests.put(repo + "/" + key, content);
            manifestTypes.put(repo + "/" + key, mediaType);
        }
        return d;
    }

    private void handle(HttpExchange ex) throws IOException {
        log(ex);
        String path = ex.getRequestURI().getPath();
        if (path.equals("/token")) {
            String q = ex.getRequestURI().getQuery();
            if (q == null || !q.contains("service=fake") || !(q.contains("scope=repository:") || q.contains("offline_token=true"))) {
                respond(ex, 400, "text/plain", q == null ? new byte[0] : q.getBytes());
                return;
            }
            if (tokenCredentials != null && !tokenCredentials.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                respond(ex, 401, "application/json", "{\"details\":\"incorrect username or password\"}".getBytes());
                return;
            }
            respond(ex, 200, "application/json", ("{\"token\":\"" + token + "\"}").getBytes());
            return;
        }
        if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().add("WWW-Authenticate",
                    "Bearer realm=\"" + uri() + "/token\",service=\"fake\"");
            respond(ex, 401, "application/json",
                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
            return;
        }
        if (path.equals("/v2/")) {
            respond(ex, 200, "application/json", "{}".getBytes());
            return;
        }
        if (path.endsWith("/tags/list")) {
            tagsList(ex, path.substring(4, path.length() - "/tags/list".length()));
            return;
        }
        int m = path.indexOf("/manifests/");
        if (m > 0) {
            String key = path.substring(4, m) + "/" + path.substring(m + "/manifests/".length());
            byte[] body = manifests.get(key);
            if (body == null) {
                respond(ex, 404, "application/json",
                        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes());
                return;
            }
            respond(ex, 200, manifestTypes.get(key), body);
            return;
        }
        int b = path.indexOf("/blobs/");
        if (b > 0) {
            String digest = path.substring(b + "/blobs/".length());
            if (blobFailures.getOrDefault(digest, 0) > 0) {
                blobFailures.merge(digest, -1, Integer::sum);
                respond(ex, 503, "application/json",
                        "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}".getBytes());
                return;
            }
            byte[] blob = blobs.get(digest);
            if (blob == null) {
                respond(ex, 404, "application/json",
                        "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}".getBytes());
                return;
            }
            if (redirectBlobs) {
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + cdn.getAddress().getPort() + "/" + digest);
                respond(ex, 307, "text/plain", new byte[0]);
                return;
            }
            respond(ex, 200, "application/octet-stream", blob);
            return;
        }
        respond(ex, 404, "text/plain", "404 page not found".getBytes(StandardCharsets.UTF_8));
    }

    /** Tags in sorted order, one per page, so clients must follow the Link header. */
    private void tagsList(HttpExchange ex, String repo) throws IOException {
        List<String> tags = manifests.keySet().stream()
                .filter(k -> k.startsWith(repo + "/") && !k.substring(repo.length() + 1).contains(":"))
                .map(k -> k.substring(repo.length() + 1)).sorted().toList();
        String query = ex.getRequestURI().getQuery();
        String last = query != null && query.contains("last=") ? query.substring(query.indexOf("last=") + 5) : null;
        List<String> page = tags.stream().filter(t -> last == null || t.compareTo(last) > 0).limit(1).toList();
        if (!page.isEmpty() && !page.get(0).equals(tags.get(tags.size() - 1))) {
            ex.getResponseHeaders().add("Link", "</v2/" + repo + "/tags/list?n=1&last=" + page.get(0) + ">; rel=\"next\"");
        }
        respond(ex, 200, "application/json", ("{\"name\":\"" + repo + "\",\"tags\":["
                + String.join(",", page.stream().map(t -> "\"" + t + "\"").toList()) + "]}").getBytes());
    }

    private void log(HttpExchange ex) {
        requests.add(new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Authorization"),
                ex.getRequestHeaders().getFirst("Accept")));
    }

    private static void respond(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        cdn.stop(0);
    }
}
