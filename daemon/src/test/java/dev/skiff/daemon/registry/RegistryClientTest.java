package dev.skiff.daemon.registry;

import dev.skiff.daemon.reference.Digest;
import dev.skiff.daemon.reference.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryClientTest {
    FakeRegistry registry;
    byte[] manifest;
    Digest config;

    @BeforeEach
    void setUp() throws IOException {
        registry = new FakeRegistry();
        config = registry.putBlob("{\"config\":{}}".getBytes(StandardCharsets.UTF_8));
        manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + config + "\",\"size\":13},\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        registry.putManifest("library/test", "latest", MediaTypes.OCI_MANIFEST, manifest);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private RegistryClient.Repository repo(RegistryEndpoints endpoints, String ref) {
        return new RegistryClient(endpoints).repository(Reference.parseNormalized(ref), RegistryCredentials.ANONYMOUS);
    }

    @Test
    void getsAnAnonymousTokenFromTheChallengeAndSendsIt() throws Exception {
        var repo = repo(new RegistryEndpoints(List.of(), List.of()), registry.hostPort() + "/library/test");
        ManifestDocument doc = repo.resolve("latest");
        assertInstanceOf(ManifestDocument.ImageManifest.class, doc);
        assertEquals(Digest.sha256(manifest), doc.digest());

        List<FakeRegistry.Request> r = registry.requests;
        assertEquals("/v2/", r.get(0).path());
        assertNull(r.get(0).authorization());
        assertEquals("/token", r.get(1).path());
        assertEquals("/v2/library/test/manifests/latest", r.get(2).path());
        assertEquals("Bearer " + registry.token(), r.get(2).authorization());
        for (String type : MediaTypes.ACCEPTED_MANIFESTS) {
            assertTrue(r.get(2).accept().contains(type), r.get(2).accept());
        }
        assertArrayEquals("{\"config\":{}}".getBytes(StandardCharsets.UTF_8), repo.smallBlob(config, 1024));
    }

    @Test
    void clientCredentialsGoToTheTokenServiceOnly() throws Exception {
        RegistryCredentials creds = RegistryCredentials.fromHeader(java.util.Base64.getUrlEncoder().encodeToString(
                "{\"username\":\"joe\",\"password\":\"s3cret\"}".getBytes(StandardCharsets.UTF_8)));
        new RegistryClient(new RegistryEndpoints(List.of(), List.of()))
                .repository(Reference.parseNormalized(registry.hostPort() + "/library/test"), creds).resolve("latest");
        FakeRegistry.Request token = registry.requests.stream().filter(r -> r.path().equals("/token")).findFirst().orElseThrow();
        assertEquals(creds.basicHeader(), token.authorization());
        assertEquals("Bearer " + registry.token(), registry.requests.get(registry.requests.size() - 1).authorization());
    }

    @Test
    void loginGetsATokenWithTheCredentialsAndReportsARefusalAgainstThePingUrl() throws Exception {
        RegistryCredentials joe = new RegistryCredentials("joe", "s3cret", null);
        registry.tokenCredentials = joe.basicHeader();
        RegistryClient client = new RegistryClient(new RegistryEndpoints(List.of(), List.of()));
        client.login(registry.hostPort(), joe);
        FakeRegistry.Request token = registry.requests.stream().filter(r -> r.path().equals("/token")).findFirst().orElseThrow();
        assertEquals(joe.basicHeader(), token.authorization());

        RegistryException refused = assertThrows(RegistryException.class,
                () -> client.login(registry.hostPort(), new RegistryCredentials("joe", "wrong", null)));
        assertEquals("Get \"http://" + registry.hostPort() + "/v2/\": unauthorized: incorrect username or password",
                refused.getMessage());
    }

    @Test
    void fetchesANewTokenWhenTheOldOneExpires() throws Exception {
        var repo = repo(new RegistryEndpoints(List.of(), List.of()), registry.hostPort() + "/library/test");
        repo.resolve("latest");
        registry.rotateToken();
        assertArrayEquals("{\"config\":{}}".getBytes(StandardCharsets.UTF_8), repo.smallBlob(config, 1024));
    }

    @Test
    void followsBlobRedirectsWithoutLeakingCredentials() throws Exception {
        registry.redirectBlobs = true;
        var repo = repo(new RegistryEndpoints(List.of(), List.of()), registry.hostPort() + "/library/test");
        repo.resolve("latest");
        try (RegistryClient.Blob b = repo.blob(config)) {
            assertEquals("{\"config\":{}}", new String(b.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void mirrorsAreTriedFirstAndAnyFailureThereFallsBack() throws Exception {
        try (FakeRegistry emptyMirror = new FakeRegistry()) {
            String dead = "http://127.0.0.1:" + freePort();
            RegistryEndpoints endpoints = new RegistryEndpoints(List.of(dead, emptyMirror.uri().toString()), List.of(),
                    registry.uri());
            var repo = repo(endpoints, "test");
            assertEquals(Digest.sha256(manifest), repo.resolve("latest").digest());
            assertTrue(emptyMirror.requests.stream().anyMatch(q -> q.path().equals("/v2/library/test/manifests/latest")),
                    "the mirror is asked for /v2/library/test/...");
            assertArrayEquals("{\"config\":{}}".getBytes(StandardCharsets.UTF_8), repo.smallBlob(config, 100),
                    "blobs come from the endpoint that served the manifest");

            RegistryException e = assertThrows(RegistryException.class, () -> repo(endpoints, "test:nosuchtag").resolve("nosuchtag"));
            assertEquals("MANIFEST_UNKNOWN", e.firstCode(), "the authoritative registry's answer is final");
        }
    }

    @Test
    void describesUnreachableRegistriesLikeGo() throws Exception {
        int port = freePort();
        RegistryException e = assertThrows(RegistryException.class,
                () -> repo(new RegistryEndpoints(List.of(), List.of()), "127.0.0.1:" + port + "/x").resolve("latest"));
        assertEquals(RegistryException.Kind.NETWORK, e.kind());
        assertEquals("Get \"http://127.0.0.1:" + port + "/v2/\": dial tcp 127.0.0.1:" + port + ": connect: connection refused",
                e.getMessage());
    }

    @Test
    void verifiesManifestsFetchedByDigest() throws Exception {
        Digest wrong = Digest.sha256("something else".getBytes());
        registry.putManifest("library/test", wrong.toString(), MediaTypes.OCI_MANIFEST, manifest);
        var repo = repo(new RegistryEndpoints(List.of(), List.of()), registry.hostPort() + "/library/test");
        RegistryException e = assertThrows(RegistryException.class, () -> repo.resolve(wrong.toString()));
        assertEquals("manifest verification failed for digest " + wrong, e.getMessage());
    }

    @Test
    void verifiesConfigBlobs() throws Exception {
        var repo = repo(new RegistryEndpoints(List.of(), List.of()), registry.hostPort() + "/library/test");
        repo.resolve("latest");
        Digest missing = Digest.sha256("nope".getBytes());
        assertEquals("BLOB_UNKNOWN", assertThrows(RegistryException.class, () -> repo.smallBlob(missing, 10)).firstCode());
    }

    @Test
    void linkHeadersLeadToTheNextPage() {
        java.net.URI current = java.net.URI.create("http://r:5000/v2/a/tags/list");
        assertEquals(java.net.URI.create("http://r:5000/v2/a/tags/list?n=2&last=b"),
                RegistryClient.nextPage(current, "</v2/a/tags/list?n=2&last=b>; rel=\"next\""));
        assertNull(RegistryClient.nextPage(current, null));
        assertNull(RegistryClient.nextPage(current, "</x>; rel=\"prev\""));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
