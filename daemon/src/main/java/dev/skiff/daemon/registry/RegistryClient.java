package dev.skiff.daemon.registry;

import dev.skiff.daemon.stream.Closeables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registry HTTP API v2 client for pulls: manifests (Docker schema 2 and OCI), configs and layer
 * blobs, anonymous bearer tokens from the WWW-Authenticate challenge or Basic credentials from
 * the client. A {@link Repository} tries the endpoints of {@link RegistryEndpoints} in order and
 * stays on the first one that serves the requested manifest.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER_AGENT = "skiff";

    private final RegistryEndpoints endpoints;
    private final HttpClient http;

    public RegistryClient(RegistryEndpoints endpoints) {
        this.endpoints = endpoints;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NEVER)   // done by hand: credentials must not follow to a CDN
                .build();
    }

    /** A handle on one repository for one pull. No I/O until a method is called. */
    public Repository repository(Reference ref, RegistryCredentials credentials) {
        return new Repository(ref, credentials);
    }

    /** A handle on one repository for a push: the authoritative endpoint only, with pull and push rights. */
    public Upload upload(Reference ref, RegistryCredentials credentials) {
        return new Upload(new EndpointSession(authoritative(ref.domain()), ref.path(), credentials, "pull,push"));
    }

    private URI authoritative(String domain) {
        return endpoints.forDomain(domain).stream().filter(e -> !e.mirror()).reduce((a, b) -> b)
                .orElseThrow().base();
    }

    /**
     * {@code docker login}: GET /v2/ with the credentials (basic, or a token obtained with them).
     * Anything but 200 is dockerd's "login attempt to ... failed with status" error.
     */
    public void login(String domain, RegistryCredentials credentials) throws RegistryException {
        URI base = authoritative(domain);
        EndpointSession session = new EndpointSession(base, null, credentials, "pull");
        URI v2 = URI.create(base + "/v2/");
        HttpResponse<InputStream> resp;
        try {
            resp = session.exchange("GET", v2, Map.of(), HttpRequest.BodyPublishers::noBody);
        } catch (RegistryException e) {
            if (e.kind() != RegistryException.Kind.REGISTRY_ERROR) {
                throw e;
            }
            // the token service refused the credentials: dockerd reports it against the ping URL
            throw new RegistryException(e.kind(), e.errors(), "Get \"" + v2 + "\": " + e.getMessage());
        }
        Closeables.closeQuietly(resp.body());
        if (resp.statusCode() != 200) {
            throw RegistryException.of(RegistryException.Kind.REGISTRY_ERROR, "login attempt to " + v2
                    + " failed with status: " + resp.statusCode() + " " + HttpStatusText.of(resp.statusCode()));
        }
    }

    /** Blob and manifest uploads to one repository (Registry API v2, monolithic uploads). */
    public final class Upload {
        private final EndpointSession session;

        private Upload(EndpointSession session) {
            this.session = session;
        }

        /** HEAD on the blob: whether the repository already has it. */
        public boolean hasBlob(Digest digest) throws RegistryException {
            URI uri = session.blobUri(digest);
            HttpResponse<InputStream> resp = session.exchange("HEAD", uri, Map.of(), HttpRequest.BodyPublishers::noBody);
            Closeables.closeQuietly(resp.body());
            if (resp.statusCode() == 200 || resp.statusCode() == 404) {
                return resp.statusCode() == 200;
            }
            throw errorFrom(resp.statusCode(), new byte[0]);   // a HEAD answer has no body to explain it
        }

        /** Cross-repository mount from {@code fromPath} on the same registry; false when the registry declined. */
        public boolean mount(Digest digest, String fromPath) throws RegistryException {
            URI uri = URI.create(session.base + "/v2/" + session.path + "/blobs/uploads/?mount="
                    + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8) + "&from="
                    + URLEncoder.encode(fromPath, StandardCharsets.UTF_8));
            HttpResponse<InputStream> resp = session.exchange("POST", uri, Map.of(), HttpRequest.BodyPublishers::noBody);
            if (resp.statusCode() == 201 || resp.statusCode() == 202) {
                Closeables.closeQuietly(resp.body());
                return resp.statusCode() == 201;   // 202: an upload session was opened instead; the registry expires it
            }
            throw session.failure(uri, resp);
        }

        /**
         * Monolithic upload: POST for an upload URL, then PUT the whole blob ({@code size} bytes,
         * opened by {@code content}, again if the request must be repeated) with its digest.
         */
        public void put(Digest digest, long size, Supplier<InputStream> content) throws RegistryException {
            URI start = URI.create(session.base + "/v2/" + session.path + "/blobs/uploads/");
            HttpResponse<InputStream> resp = session.exchange("POST", start, Map.of(), HttpRequest.BodyPublishers::noBody);
            if (resp.statusCode() != 202) {
                throw session.failure(start, resp);
            }
            Closeables.closeQuietly(resp.body());
            String location = resp.headers().firstValue("Location").orElseThrow(() -> RegistryException.of(
                    RegistryException.Kind.UNEXPECTED_RESPONSE, "upload started without a Location"));
            URI target = start.resolve(location);
            URI put = URI.create(target + (target.getRawQuery() == null ? "?" : "&") + "digest="
                    + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8));
            HttpResponse<InputStream> done = session.exchange("PUT", put, Map.of("Content-Type", "application/octet-stream"),
                    () -> HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(content), size));
            if (done.statusCode() != 201) {
                throw session.failure(put, done);
            }
            Closeables.closeQuietly(done.body());
        }

        /** PUT of a manifest under {@code tag}; returns its digest. */
        public Digest putManifest(String tag, String mediaType, byte[] body) throws RegistryException {
            URI uri = URI.create(session.base + "/v2/" + session.path + "/manifests/" + tag);
            HttpResponse<InputStream> resp = session.exchange("PUT", uri, Map.of("Content-Type", mediaType),
                    () -> HttpRequest.BodyPublishers.ofByteArray(body));
            if (resp.statusCode() != 201) {
                throw session.failure(uri, resp);
            }
            Closeables.closeQuietly(resp.body());
            return Digest.sha256(body);
        }
    }

    /** A blob response body; the caller closes it. length is -1 if the registry did not say. */
    public record Blob(InputStream body, long length) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    public final class Repository {
        private final Reference ref;
        private final RegistryCredentials credentials;
        private EndpointSession pinned;

        private Repository(Reference ref, RegistryCredentials credentials) {
            this.ref = ref;
            this.credentials = credentials;
        }

        /**
         * Fetches the manifest (or index) for a tag or digest, trying each endpoint in turn.
         * A mirror that fails for any reason is skipped; the authoritative registry's own
         * error codes are final; unreachable endpoints are skipped. The last error wins.
         */
        public ManifestDocument resolve(String tagOrDigest) throws RegistryException {
            return onFirstServingEndpoint(session -> session.manifest(tagOrDigest));
        }

        /** Every tag of the repository (for pulling all tags), with the same endpoint fallback. */
        public List<String> tags() throws RegistryException {
            return onFirstServingEndpoint(EndpointSession::tags);
        }

        private <T> T onFirstServingEndpoint(EndpointCall<T> call) throws RegistryException {
            RegistryException last = null;
            for (RegistryEndpoints.Endpoint e : endpoints.forDomain(ref.domain())) {
                EndpointSession session = new EndpointSession(e.base(), ref.path(), credentials);
                try {
                    T result = call.on(session);
                    pinned = session;
                    return result;
                } catch (RegistryException ex) {
                    last = ex;
                    boolean fallBack = e.mirror() || ex.kind() != RegistryException.Kind.REGISTRY_ERROR;
                    if (!fallBack) {
                        throw ex;
                    }
                }
            }
            throw last;
        }

        /** A manifest by digest from the endpoint that served {@link #resolve}. */
        public ManifestDocument manifest(Digest digest) throws RegistryException {
            return session().manifest(digest.toString());
        }

        /** A small blob (image config) read whole and verified against its digest. */
        public byte[] smallBlob(Digest digest, long maxBytes) throws RegistryException {
            try (Blob b = session().blob(digest)) {
                byte[] data = b.body().readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
                if (data.length > maxBytes) {
                    throw RegistryException.of(RegistryException.Kind.INVALID_CONTENT,
                            "blob " + digest + " is larger than " + maxBytes + " bytes");
                }
                var h = digest.newHasher();
                h.update(data);
                if (!digest.matches(h)) {
                    throw RegistryException.of(RegistryException.Kind.INVALID_CONTENT,
                            "image config verification failed for digest " + digest);
                }
                return data;
            } catch (IOException e) {
                throw NetworkErrors.describe(session().blobUri(digest), e);
            }
        }

        /** Opens a layer blob for streaming; the caller verifies the digest while storing it. */
        public Blob blob(Digest digest) throws RegistryException {
            return session().blob(digest);
        }

        private EndpointSession session() {
            if (pinned == null) {
                throw new IllegalStateException("resolve() first");
            }
            return pinned;
        }
    }

    private interface EndpointCall<T> {
        T on(EndpointSession session) throws RegistryException;
    }

    /** One repository on one endpoint, with its authorization worked out once. */
    private final class EndpointSession {
        private final URI base;
        private final String path;
        private final RegistryCredentials credentials;
        private final String actions;   // token scope: "pull", or "pull,push"
        private volatile boolean pinged;
        private volatile String authorization;   // header value, or null for none

        EndpointSession(URI base, String path, RegistryCredentials credentials) {
            this(base, path, credentials, "pull");
        }

        EndpointSession(URI base, String path, RegistryCredentials credentials, String actions) {
            this.base = base;
            this.path = path;
            this.credentials = credentials;
            this.actions = actions;
        }

        /**
         * One request with this session's authorization (no redirects: the upload API does not
         * redirect); a 401 on a token that expired fetches a new one and retries once.
         */
        HttpResponse<InputStream> exchange(String method, URI uri, Map<String, String> headers,
                                           Supplier<HttpRequest.BodyPublisher> body) throws RegistryException {
            authorize();
            HttpResponse<InputStream> resp = exchangeOnce(method, uri, headers, body);
            if (resp.statusCode() == 401 && authorization != null && authorization.startsWith("Bearer ")) {
                Closeables.closeQuietly(resp.body());
                reauthorize();
                resp = exchangeOnce(method, uri, headers, body);
            }
            return resp;
        }

        private HttpResponse<InputStream> exchangeOnce(String method, URI uri, Map<String, String> headers,
                                                       Supplier<HttpRequest.BodyPublisher> body) throws RegistryException {
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).method(method, body.get()).header("User-Agent", USER_AGENT);
            headers.forEach(req::header);
            if (authorization != null) {
                req.header("Authorization", authorization);
            }
            return send(req.build());
        }

        /** Reads an error response fully and turns it into a RegistryException. */
        RegistryException failure(URI uri, HttpResponse<InputStream> resp) {
            try (InputStream in = resp.body()) {
                return errorFrom(resp.statusCode(), in.readNBytes(1024 * 1024));
            } catch (IOException e) {
                return NetworkErrors.describe(uri, e);
            }
        }

        ManifestDocument manifest(String tagOrDigest) throws RegistryException {
            URI uri = URI.create(base + "/v2/" + path + "/manifests/" + tagOrDigest);
            HttpResponse<InputStream> resp = get(uri, String.join(", ", MediaTypes.ACCEPTED_MANIFESTS), true);
            try (InputStream body = resp.body()) {
                if (resp.statusCode() != 200) {
                    throw errorFrom(resp.statusCode(), body.readAllBytes());
                }
                byte[] raw = body.readNBytes((int) MAX_MANIFEST_BYTES + 1);
                if (raw.length > MAX_MANIFEST_BYTES) {
                    throw RegistryException.of(RegistryException.Kind.INVALID_CONTENT, "manifest too big");
                }
                ManifestDocument doc;
                try {
                    doc = ManifestParser.parse(resp.headers().firstValue("Content-Type").orElse(null), raw);
                } catch (IOException e) {
                    throw RegistryException.of(RegistryException.Kind.INVALID_CONTENT, e.getMessage());
                }
                if (Digest.isDigest(tagOrDigest) && !Digest.parse(tagOrDigest).equals(doc.digest())) {
                    throw RegistryException.of(RegistryException.Kind.INVALID_CONTENT,
                            "manifest verification failed for digest " + tagOrDigest);
                }
                return doc;
            } catch (IOException e) {
                throw NetworkErrors.describe(uri, e);
            }
        }

        /** GET /v2/<name>/tags/list, following the Link header's pages. */
        List<String> tags() throws RegistryException {
            List<String> out = new ArrayList<>();
            URI uri = URI.create(base + "/v2/" + path + "/tags/list");
            while (uri != null) {
                HttpResponse<InputStream> resp = get(uri, "application/json", true);
                try (InputStream body = resp.body()) {
                    byte[] data = body.readNBytes((int) MAX_MANIFEST_BYTES);
                    if (resp.statusCode() != 200) {
                        throw errorFrom(resp.statusCode(), data);
                    }
                    for (JsonNode t : JSON.readTree(data).path("tags")) {
                        out.add(t.asText());
                    }
                } catch (IOException e) {
                    throw NetworkErrors.describe(uri, e);
                }
                uri = nextPage(uri, resp.headers().firstValue("Link").orElse(null));
            }
            return out;
        }

        URI blobUri(Digest digest) {
            return URI.create(base + "/v2/" + path + "/blobs/" + digest);
        }

        Blob blob(Digest digest) throws RegistryException {
            URI uri = blobUri(digest);
            HttpResponse<InputStream> resp = get(uri, "*/*", false);
            if (resp.statusCode() != 200) {
                try (InputStream body = resp.body()) {
                    throw errorFrom(resp.statusCode(), body.readAllBytes());
                } catch (IOException e) {
                    throw NetworkErrors.describe(uri, e);
                }
            }
            return new Blob(resp.body(), resp.headers().firstValueAsLong("Content-Length").orElse(-1));
        }

        /**
         * GET with authorization and hand-followed redirects (Authorization only to the same
         * origin). A 401 on a request that carried a token means it expired during a long pull:
         * the token is fetched again once.
         */
        private HttpResponse<InputStream> get(URI uri, String accept, boolean metadata) throws RegistryException {
            authorize();
            HttpResponse<InputStream> resp = follow(uri, accept, metadata);
            if (resp.statusCode() == 401 && authorization != null && authorization.startsWith("Bearer ")) {
                Closeables.closeQuietly(resp.body());
                reauthorize();
                resp = follow(uri, accept, metadata);
            }
            return resp;
        }

        private HttpResponse<InputStream> follow(URI uri, String accept, boolean metadata) throws RegistryException {
            URI current = uri;
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpRequest.Builder req = HttpRequest.newBuilder(current).GET()
                        .header("User-Agent", USER_AGENT).header("Accept", accept);
                if (metadata) {
                    req.timeout(METADATA_TIMEOUT);
                }
                if (authorization != null && sameOrigin(current, base)) {
                    req.header("Authorization", authorization);
                }
                HttpResponse<InputStream> resp = send(req.build());
                int s = resp.statusCode();
                if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                    Optional<String> location = resp.headers().firstValue("Location");
                    Closeables.closeQuietly(resp.body());
                    if (location.isEmpty()) {
                        throw RegistryException.of(RegistryException.Kind.UNEXPECTED_RESPONSE,
                                "redirect without Location from " + current);
                    }
                    current = current.resolve(location.get());
                    continue;
                }
                return resp;
            }
            throw RegistryException.of(RegistryException.Kind.UNEXPECTED_RESPONSE,
                    "Get \"" + uri + "\": stopped after " + MAX_REDIRECTS + " redirects");
        }

        private synchronized void reauthorize() throws RegistryException {
            pinged = false;
            authorization = null;
            authorize();
        }

        /** GET /v2/ once to learn how this registry wants to be authenticated. */
        private synchronized void authorize() throws RegistryException {
            if (pinged) {
                return;
            }
            URI ping = URI.create(base + "/v2/");
            HttpResponse<InputStream> resp = send(HttpRequest.newBuilder(ping).GET()
                    .header("User-Agent", USER_AGENT).timeout(METADATA_TIMEOUT).build());
            Closeables.closeQuietly(resp.body());
            if (resp.statusCode() == 401) {
                List<AuthChallenge> challenges = AuthChallenge.parseAll(resp.headers().allValues("WWW-Authenticate"));
                for (AuthChallenge c : challenges) {
                    if (c.scheme().equals("bearer") && c.parameter("realm") != null) {
                        authorization = "Bearer " + token(c);
                        break;
                    }
                    if (c.scheme().equals("basic") && credentials.hasBasic()) {
                        authorization = credentials.basicHeader();
                        break;
                    }
                }
            }
            pinged = true;
        }

        private String token(AuthChallenge c) throws RegistryException {
            if (credentials.registryToken() != null) {
                return credentials.registryToken();
            }
            StringBuilder q = new StringBuilder(c.parameter("realm"));
            q.append(c.parameter("realm").contains("?") ? '&' : '?');
            List<String> params = new ArrayList<>();
            if (c.parameter("service") != null) {
                params.add("service=" + URLEncoder.encode(c.parameter("service"), StandardCharsets.UTF_8));
            }
            if (path != null) {
                params.add("scope=" + URLEncoder.encode("repository:" + path + ":" + actions, StandardCharsets.UTF_8));
            } else if (credentials.hasBasic()) {   // a login: ask for a token for the account, as docker does
                params.add("account=" + URLEncoder.encode(credentials.username(), StandardCharsets.UTF_8));
                params.add("client_id=docker");
                params.add("offline_token=true");
            }
            q.append(String.join("&", params));
            URI uri = URI.create(q.toString());
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET()
                    .header("User-Agent", USER_AGENT).timeout(METADATA_TIMEOUT);
            if (credentials.hasBasic()) {
                req.header("Authorization", credentials.basicHeader());
            }
            HttpResponse<InputStream> resp = send(req.build());
            try (InputStream body = resp.body()) {
                byte[] data = body.readNBytes(1024 * 1024);
                if (resp.statusCode() != 200) {
                    RegistryException parsed = errorFrom(resp.statusCode(), data);
                    if (parsed.kind() == RegistryException.Kind.REGISTRY_ERROR) {
                        throw parsed;
                    }
                    throw RegistryException.of(RegistryException.Kind.UNEXPECTED_RESPONSE,
                            "token auth attempt for registry: " + uri + " request failed with status: "
                                    + resp.statusCode() + " " + HttpStatusText.of(resp.statusCode()));
                }
                JsonNode n = JSON.readTree(data);
                String token = n.path("token").asText("");
                if (token.isEmpty()) {
                    token = n.path("access_token").asText("");
                }
                if (token.isEmpty()) {
                    throw RegistryException.of(RegistryException.Kind.UNEXPECTED_RESPONSE,
                            "authorization server did not include a token in the response");
                }
                return token;
            } catch (IOException e) {
                throw NetworkErrors.describe(uri, e);
            }
        }

        private HttpResponse<InputStream> send(HttpRequest req) throws RegistryException {
            try {
                return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw NetworkErrors.describe(req.uri(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.of(RegistryException.Kind.NETWORK, "Get \"" + req.uri() + "\": context canceled");
            }
        }
    }

    /**
     * distribution's reading of an error response: the Registry API {@code errors} array, the
     * legacy {@code details} field, or an unexpected body.
     */
    static RegistryException errorFrom(int status, byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.path("details").isTextual() && !n.get("details").asText().isEmpty()) {
                String code = status == 401 ? "UNAUTHORIZED" : status == 429 ? "TOOMANYREQUESTS" : "UNKNOWN";
                return registryError(List.of(new RegistryException.ErrorDetail(code, n.get("details").asText())));
            }
            if (n != null && n.path("errors").isArray() && n.get("errors").size() > 0) {
                List<RegistryException.ErrorDetail> errors = new ArrayList<>();
                for (JsonNode e : n.get("errors")) {
                    errors.add(new RegistryException.ErrorDetail(e.path("code").asText("UNKNOWN"),
                            e.path("message").asText("")));
                }
                return registryError(errors);
            }
        } catch (IOException ignored) {
            // not JSON: reported below as an unexpected response
        }
        if (status == 401) {
            return registryError(List.of(new RegistryException.ErrorDetail("UNAUTHORIZED",
                    "authentication required")));
        }
        return new RegistryException(RegistryException.Kind.UNEXPECTED_RESPONSE, List.of(),
                "error parsing HTTP " + status + " response body: unexpected end of JSON input: \""
                        + new String(body, StandardCharsets.UTF_8).replace("\"", "\\\"") + "\"");
    }

    private static RegistryException registryError(List<RegistryException.ErrorDetail> errors) {
        String message = errors.size() == 1 ? errors.get(0).describe()
                : "errors:\n" + String.join("\n", errors.stream().map(RegistryException.ErrorDetail::describe).toList()) + "\n";
        return new RegistryException(RegistryException.Kind.REGISTRY_ERROR, errors, message);
    }

    /** RFC 5988 {@code Link: </v2/x/tags/list?n=100&last=b>; rel="next"}, resolved against the request. */
    static URI nextPage(URI current, String link) {
        if (link == null) {
            return null;
        }
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0 || !link.substring(close).contains("rel=\"next\"")) {
            return null;
        }
        return current.resolve(link.substring(open + 1, close));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

}
