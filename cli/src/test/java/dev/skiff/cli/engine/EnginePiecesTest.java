package dev.skiff.cli.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginePiecesTest {
    @Test
    void apiVersionsCompareNumerically() {
        assertTrue(ApiVersion.parse("1.9").compareTo(ApiVersion.parse("1.41")) < 0);
        assertEquals(new ApiVersion(1, 40), ApiVersion.negotiate("1.40"));
        assertEquals(ApiVersion.CLIENT, ApiVersion.negotiate("1.50"));
        assertEquals(ApiVersion.FALLBACK, ApiVersion.negotiate(null));
        assertEquals(ApiVersion.FALLBACK, ApiVersion.negotiate("garbage"));
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("1"));
    }

    @Test
    void hostPrecedenceIsFlagThenSkiffHostThenUnixDockerHost() {
        Map<String, String> env = Map.of("SKIFF_HOST", "unix:///a.sock", "DOCKER_HOST", "unix:///b.sock");
        assertEquals(Path.of("/flag.sock"), DaemonHost.resolve("unix:///flag.sock", env).socket());
        assertEquals(Path.of("/a.sock"), DaemonHost.resolve(null, env).socket());
        assertEquals(Path.of("/b.sock"), DaemonHost.resolve(null, Map.of("DOCKER_HOST", "unix:///b.sock")).socket());
        assertEquals(DaemonHost.DEFAULT_SOCKET,
                DaemonHost.resolve(null, Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")).socket());
        assertThrows(IllegalArgumentException.class, () -> DaemonHost.resolve("tcp://1.2.3.4:2375", Map.of()));
    }

    @Test
    void queryIsSortedAndEscapedLikeGo() {
        Query q = new Query().add("tail", "all").flag("stdout", true).flag("follow", false).add("a b", "x*y/z")
                .add("names", "one").add("names", "two");
        assertEquals("a+b=x%2Ay%2Fz&names=one&names=two&stdout=1&tail=all", q.encode());
    }

    @Test
    void filtersMapEachValueToTrue() {
        Filters f = new Filters().addArgument("status=exited").addArgument("label=tier=demo").add("status", "created");
        assertEquals("{\"label\":{\"tier=demo\":true},\"status\":{\"created\":true,\"exited\":true}}", f.toJson());
        assertThrows(IllegalArgumentException.class, () -> new Filters().addArgument("novalue"));
    }

    @Test
    void pathSegmentsKeepReferencesReadable() {
        assertEquals("localhost:5000/team/bb:v1", PathSegments.escape("localhost:5000/team/bb:v1"));
        assertEquals("a%20b%3Fc%23d%25", PathSegments.escape("a b?c#d%"));
    }

    @Test
    void errorBodiesAreReadAsTheDockerCliReadsThem() {
        byte[] json = "{\"message\":\"boom\",\"extra\":1}".getBytes(StandardCharsets.UTF_8);
        assertEquals("boom", ErrorBodies.message(500, "Internal Server Error", "application/json", json, "/v1.41/x"));
        assertEquals("plain words", ErrorBodies.message(400, "Bad Request", "text/plain; charset=utf-8",
                "plain words\n".getBytes(StandardCharsets.UTF_8), "/x"));
        assertEquals("request returned 500 Internal Server Error for API route and version "
                        + "http://api.moby.localhost/v1.41/x, check if the server supports the requested API version",
                ErrorBodies.message(500, "Internal Server Error", "application/json", new byte[0], "/v1.41/x"));
        assertTrue(ErrorBodies.message(500, "X", "application/json", "{nope".getBytes(StandardCharsets.UTF_8), "/x")
                .startsWith("Error reading JSON: "));
    }
}
