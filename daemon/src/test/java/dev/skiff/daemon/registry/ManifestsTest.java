package dev.skiff.daemon.registry;

import dev.skiff.daemon.reference.Digest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestsTest {
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);

    static String index(String mediaType, String... entries) {
        return "{\"schemaVersion\":2," + (mediaType == null ? "" : "\"mediaType\":\"" + mediaType + "\",")
                + "\"manifests\":[" + String.join(",", entries) + "]}";
    }

    static String entry(String digest, String os, String arch, String variant) {
        return "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":500,"
                + "\"platform\":{\"os\":\"" + os + "\",\"architecture\":\"" + arch + "\""
                + (variant == null ? "" : ",\"variant\":\"" + variant + "\"") + "}}";
    }

    @Test
    void parsesSchema2ManifestByContentType() throws IOException {
        String json = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"digest\":\""
                + A + "\",\"size\":12},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                + "\"digest\":\"" + B + "\",\"size\":1068953}]}";
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        ManifestDocument doc = ManifestParser.parse(MediaTypes.DOCKER_MANIFEST + "; charset=utf-8", raw);
        var m = assertInstanceOf(ManifestDocument.ImageManifest.class, doc);
        assertEquals(MediaTypes.DOCKER_MANIFEST, m.mediaType());
        assertEquals(Digest.sha256(raw), m.digest());
        assertEquals(A, m.config().digest().toString());
        assertEquals(1068953, m.layers().get(0).size());
    }

    @Test
    void recognisesOciDocumentsWithoutMediaType() throws IOException {
        byte[] manifest = ("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + A + "\",\"size\":1},\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(MediaTypes.OCI_MANIFEST, ManifestParser.parse("application/octet-stream", manifest).mediaType());
        byte[] idx = index(null, entry(A, "linux", "amd64", null)).getBytes(StandardCharsets.UTF_8);
        assertEquals(MediaTypes.OCI_INDEX, ManifestParser.parse(null, idx).mediaType());
    }

    @Test
    void rejectsSchema1AndGarbage() {
        assertThrows(IOException.class, () -> ManifestParser.parse(
                "application/vnd.docker.distribution.manifest.v1+prettyjws", "{\"schemaVersion\":1}".getBytes()));
        assertThrows(IOException.class, () -> ManifestParser.parse(MediaTypes.OCI_MANIFEST, "[1]".getBytes()));
        assertThrows(IOException.class, () -> ManifestParser.parse(MediaTypes.OCI_MANIFEST,
                ("{\"config\":{\"digest\":\"sha256:short\"},\"layers\":[]}").getBytes()));
    }

    @Test
    void selectsThePlatformLikeContainerd() throws IOException {
        byte[] raw = index(MediaTypes.DOCKER_MANIFEST_LIST,
                entry(A, "linux", "arm", "v6"),
                entry(B, "linux", "arm64", "v8"),
                entry(C, "linux", "amd64", null),
                entry("sha256:" + "d".repeat(64), "windows", "amd64", null)).getBytes(StandardCharsets.UTF_8);
        var idx = (ManifestDocument.ImageIndex) ManifestParser.parse(MediaTypes.DOCKER_MANIFEST_LIST, raw);
        List<Descriptor> m = idx.manifests();
        assertEquals(C, pick(m, "linux", "x86_64", ""));
        assertEquals(B, pick(m, "linux", "aarch64", ""));
        assertEquals(B, pick(m, "linux", "arm64", "v8"));
        assertEquals(A, pick(m, "linux", "arm", "v7"), "arm v7 runs v6 images");
        assertFalse(new PlatformMatcher(new Platform("linux", "arm", "v5")).select(m).isPresent(), "v5 cannot run v6");
        assertFalse(new PlatformMatcher(new Platform("linux", "s390x", "")).select(m).isPresent());
        assertEquals("linux/arm/v7", Platform.normalize(new Platform("linux", "armhf", "")).toString());
        assertTrue(Platform.host().os().equals("linux"));
    }

    @Test
    void prefersTheExactVariant() throws IOException {
        byte[] raw = index(null, entry(A, "linux", "arm", "v6"), entry(B, "linux", "arm", "v7"))
                .getBytes(StandardCharsets.UTF_8);
        var idx = (ManifestDocument.ImageIndex) ManifestParser.parse(null, raw);
        assertEquals(B, pick(idx.manifests(), "linux", "arm", ""));
    }

    private static String pick(List<Descriptor> m, String os, String arch, String variant) {
        return new PlatformMatcher(new Platform(os, arch, variant)).select(m).orElseThrow().digest().toString();
    }

    @Test
    void endpointsForDockerHubAndPrivateRegistries() {
        RegistryEndpoints e = new RegistryEndpoints(List.of("http://127.0.0.1:5000/", "mirror.example"),
                List.of("10.1.0.0/16", "myreg:5000"));
        assertEquals(List.of(
                new RegistryEndpoints.Endpoint(URI.create("http://127.0.0.1:5000"), true),
                new RegistryEndpoints.Endpoint(URI.create("https://mirror.example"), true),
                new RegistryEndpoints.Endpoint(URI.create("https://registry-1.docker.io"), false)), e.forDomain("docker.io"));
        assertEquals(URI.create("http://myreg:5000"), e.forDomain("myreg:5000").get(0).base());
        assertEquals(URI.create("http://10.1.2.3:5000"), e.forDomain("10.1.2.3:5000").get(0).base());
        assertEquals(URI.create("http://127.0.0.1:5000"), e.forDomain("127.0.0.1:5000").get(0).base(), "loopback is insecure by default");
        assertEquals(URI.create("https://10.2.0.1"), e.forDomain("10.2.0.1").get(0).base());
        assertEquals(URI.create("https://quay.io"), e.forDomain("quay.io").get(0).base());
    }

    @Test
    void registryErrorBodiesReadAsDistributionDoes() {
        RegistryException e = RegistryClient.errorFrom(404,
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{}}]}".getBytes());
        assertEquals(RegistryException.Kind.REGISTRY_ERROR, e.kind());
        assertEquals("manifest unknown: manifest unknown", e.getMessage());
        assertEquals("MANIFEST_UNKNOWN", e.firstCode());
        assertEquals("unauthorized: authentication required", RegistryClient.errorFrom(401, "".getBytes()).getMessage());
        assertEquals("toomanyrequests: slow down",
                RegistryClient.errorFrom(429, "{\"details\":\"slow down\"}".getBytes()).getMessage());
        assertEquals(RegistryException.Kind.UNEXPECTED_RESPONSE, RegistryClient.errorFrom(502, "<html>".getBytes()).kind());
    }
}
