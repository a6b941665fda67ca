package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code docker import URL}: the tar behind an http(s) URL, opened for streaming. */
public final class RemoteTar {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** An open download; {@code length} is -1 when the server did not say. */
    public record Download(URI uri, InputStream body, long length) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private RemoteTar() {
    }

    /** Opens {@code src} (a bare host/path means http://, as in dockerd); non-200 answers are errors. */
    public static Download open(String src) {
        URI uri;
        try {
            uri = URI.create(src.contains("://") ? src : "http://" + src);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalidParameter("invalid import source " + src + ": " + e.getMessage());
        }
        if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
            throw EngineException.invalidParameter("unsupported import source scheme: " + uri.getScheme());
        }
        try {
            HttpResponse<InputStream> resp = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (resp.statusCode() != 200) {
                resp.body().close();
                throw EngineException.system("failed to GET " + uri + " with status " + resp.statusCode());
            }
            return new Download(uri, resp.body(), resp.headers().firstValueAsLong("Content-Length").orElse(-1));
        } catch (IOException e) {
            throw EngineException.system("Get \"" + uri + "\": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.system("Get \"" + uri + "\": interrupted", e);
        }
    }
}
