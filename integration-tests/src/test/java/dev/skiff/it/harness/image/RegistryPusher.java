package dev.skiff.it.harness.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Pushes images to a registry with the Registry HTTP API v2, as {@code docker push} does:
 * monolithic blob uploads (POST, then PUT with the digest), then manifests, children of an
 * index before the index itself. Every push of the fixtures goes through here.
 */
public final class RegistryPusher {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

    /** A manifest as the registry serves it. */
    public record FetchedManifest(int status, String mediaType, String digest, byte[] bytes) {
    }

    /**
     * @param base     e.g. {@code http://127.0.0.1:5000}
     * @param user     null for an open registry
     */
    public RegistryPusher(URI base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Pushes {@code image} and tags it; returns the manifest digest. */
    public String push(String repository, String tag, Image image, ManifestFormat format) {
        pushContent(repository, image, format);
        return putManifest(repository, tag, image.manifest(format));
    }

    /** Pushes every image by digest, then the index (or manifest list) of them under {@code tag}. */
    public String pushIndex(String repository, String tag, ManifestFormat format, List<Image> images) {
        for (Image image : images) {
            pushContent(repository, image, format);
            Blob manifest = image.manifest(format);
            putManifest(repository, manifest.digest(), manifest);
        }
        return putManifest(repository, tag, Image.index(format, images));
    }

    public FetchedManifest fetchManifest(String repository, String reference, String... accept) {
        HttpRequest.Builder request = request("/v2/" + repository + "/manifests/" + reference).GET();
        for (String type : accept) {
            request.header("Accept", type);
        }
        HttpResponse<byte[]> response = send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new FetchedManifest(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Docker-Content-Digest").orElse(null),
                response.body());
    }

    /** The blob's bytes; fails unless the registry has it. */
    public byte[] fetchBlob(String repository, String digest) {
        HttpResponse<byte[]> response = send(request("/v2/" + repository + "/blobs/" + digest).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET blob " + repository + "@" + digest + ": " + response.statusCode());
        }
        return response.body();
    }

    public boolean blobExists(String repository, String digest) {
        HttpRequest head = request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private void pushContent(String repository, Image image, ManifestFormat format) {
        for (Layer layer : image.layers()) {
            pushBlob(repository, layer.blob(format));
        }
        pushBlob(repository, image.config(format));
    }

    private void pushBlob(String repository, Blob blob) {
        String digest = blob.digest();
        if (blobExists(repository, digest)) {
            return;
        }
        HttpResponse<String> started = send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(started, 202, "start upload to " + repository);
        String location = started.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("upload started without a Location"));
        URI upload = base.resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        URI finish = URI.create(upload + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        HttpResponse<String> done = send(authorized(HttpRequest.newBuilder(finish))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())).build(), HttpResponse.BodyHandlers.ofString());
        expect(done, 201, "upload " + digest + " to " + repository);
    }

    private String putManifest(String repository, String reference, Blob manifest) {
        HttpResponse<String> response = send(request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())).build(), HttpResponse.BodyHandlers.ofString());
        expect(response, 201, "put manifest " + repository + ":" + reference);
        String digest = response.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (!manifest.digest().equals(digest)) {
            throw new IllegalStateException("registry stored manifest " + repository + ":" + reference
                    + " as " + digest + ", but its bytes hash to " + manifest.digest());
        }
        return digest;
    }

    private HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        request.timeout(TIMEOUT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
