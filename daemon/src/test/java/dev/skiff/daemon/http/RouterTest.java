package dev.skiff.daemon.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
