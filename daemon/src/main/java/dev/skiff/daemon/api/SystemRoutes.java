package dev.skiff.daemon.api;

import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;
import dev.skiff.daemon.system.SystemService;

/** /_ping, /version, /info. */
public final class SystemRoutes implements Routes {
    private static final String PING_TYPE = "text/plain; charset=utf-8";

    private final SystemService system;

    public SystemRoutes(SystemService system) {
        this.system = system;
    }

    @Override
    public void register(Router router) {
        router.addInMemory("GET", "/_ping", this::ping);
        router.addInMemory("HEAD", "/_ping", this::ping);
        router.addInMemory("GET", "/version", (req, res) -> res.json(200, system.version()));
        router.add("GET", "/info", (req, res) -> res.json(200, system.info()));
    }

    /** dockerd answers HEAD with no body and GET with "OK", both uncacheable. */
    private void ping(ApiRequest req, ApiResponse res) {
        res.header("Cache-Control", "no-cache, no-store, must-revalidate").header("Pragma", "no-cache");
        res.text(200, PING_TYPE, req.method().equals("HEAD") ? "" : "OK");
    }
}
