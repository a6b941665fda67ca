package dev.skiff.daemon.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class RouterTest {
    private static final RouteHandler LIST = (req, res) -> { };
    private static final RouteHandler INSPECT = (req, res) -> { };
    private static final RouteHandler PUSH = (req, res) -> { };
    private static final RouteHandler START = (req, res) -> { };

    private Router router() {
        Router r = new Router();
        r.add("GET", "/images/{name:.*}/json", INSPECT);
        r.add("GET", "/images/json", LIST);
        r.add("POST", "/images/{name:.*}/push", PUSH);
        r.add("POST", "/containers/{id}/start", START);
        return r;
    }

    @Test
    void literalRouteBeatsGreedyParameter() {
        assertSame(LIST, router().match("GET", "/images/json").handler());
    }

    @Test
    void greedyParameterTakesSlashesAndPorts() {
        Router.Match m = router().match("GET", "/images/localhost:5000/team/bb:v1/json");
        assertSame(INSPECT, m.handler());
        assertEquals("localhost:5000/team/bb:v1", m.params().get("name"));
    }

    @Test
    void segmentParameterStopsAtSlash() {
        assertNull(router().match("POST", "/containers/a/b/start"));
        assertEquals("abc", router().match("POST", "/containers/abc/start").params().get("id"));
    }

    @Test
    void methodMustMatchExceptHeadOnGet() {
        assertNull(router().match("POST", "/images/json"));
        assertSame(LIST, router().match("HEAD", "/images/json").handler());
    }

    @Test
    void parametersAreUrlDecodedButPlusStaysPlus() {
        Router.Match m = router().match("GET", "/images/a%2Fb+c/json");
        assertEquals("a/b+c", m.params().get("name"));
    }

    @Test
    void headPrefersAnExactHeadRouteOverGet() {
        RouteHandler headPing = (req, res) -> { };
        RouteHandler getPing = (req, res) -> { };
        Router r = new Router();
        r.add("GET", "/_ping", getPing);
        r.add("HEAD", "/_ping", headPing);
        assertSame(headPing, r.match("HEAD", "/_ping").handler());
        assertSame(getPing, r.match("GET", "/_ping").handler());
    }

    @Test
    void inMemoryRoutesSayWhichRequestsTheyAnswerOnTheIoThread() {
        Router r = new Router();
        r.addInMemory("GET", "/_ping", LIST);
        r.addInMemory("GET", "/containers/{id}/json", req -> req == null, INSPECT);
        r.add("POST", "/containers/{id}/start", START);
        assertTrue(r.match("GET", "/_ping").inMemory().test(null));
        assertTrue(r.match("GET", "/containers/abc/json").inMemory().test(null));
        assertFalse(r.match("POST", "/containers/abc/start").inMemory().test(null));
    }

    @Test
    void twoParametersAndTrailingSegments() {
        Router r = new Router();
        r.add("GET", "/plugins/{name}/{tag}/json", LIST);
        Router.Match m = r.match("GET", "/plugins/a/b/json");
        assertEquals("a", m.params().get("name"));
        assertEquals("b", m.params().get("tag"));
        assertNull(r.match("GET", "/plugins/a/b/json/x"));
        assertNull(r.match("GET", "/plugins//b/json"));
        assertNull(router().match("GET", "/images//json"));
    }

    @Test
    void onlyLiteralsMayFollowAGreedyParameter() {
        assertThrows(IllegalArgumentException.class, () -> new Router().add("GET", "/images/{name:.*}/{x}", LIST));
    }

    @Test
    void aBadEscapeIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> router().match("POST", "/containers/%zz/start"));
    }
}
