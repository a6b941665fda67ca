package dev.skiff.it.harness;

import dev.skiff.it.harness.image.Image;
import dev.skiff.it.harness.image.Layer;
import dev.skiff.it.harness.image.LayerTar;
import dev.skiff.it.harness.image.ManifestFormat;
import dev.skiff.it.harness.image.Platform;
import dev.skiff.it.harness.image.RegistryPusher;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SkiffTest
class RegistryServerTest {
    private static final Image TINY = Image.builder(Platform.host())
            .layer(Layer.gzipped(new LayerTar().file("tiny.txt", "tiny\n", 0644)), "tiny")
            .build();

    @Test
    void sharedRegistryAnswersOnLoopback(RegistryServer registry) throws Exception {
        assertTrue(registry.address().startsWith("127.0.0.1:"), registry.address());
        assertEquals(200, status(registry, null));
    }

    @Test
    void authRegistryDemandsItsCredentials() throws Exception {
        RegistryServer.Credentials creds = new RegistryServer.Credentials("tester", "s3cret-pw");
        try (RegistryServer registry = RegistryServer.startWithAuth(creds)) {
            assertEquals(401, status(registry, null));
            assertEquals(200, status(registry, creds));

            RegistryPusher anonymous = new RegistryPusher(registry.url(), null, null);
            assertThrows(IllegalStateException.class,
                    () -> anonymous.push("private/tiny", "latest", TINY, ManifestFormat.DOCKER));

            RegistryPusher authorized = new RegistryPusher(registry.url(), creds.user(), creds.password());
            String digest = authorized.push("private/tiny", "latest", TINY, ManifestFormat.DOCKER);
            assertEquals(TINY.manifest(ManifestFormat.DOCKER).digest(), digest);
        }
    }

    private static int status(RegistryServer registry, RegistryServer.Credentials creds) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.url().resolve("/v2/"));
        if (creds != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((creds.user() + ":" + creds.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
