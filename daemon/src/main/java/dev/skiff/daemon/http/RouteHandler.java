package dev.skiff.daemon.http;

/** Serves one route. Runs on a worker thread, so it may block; everything it opened is closed when it returns. */
@FunctionalInterface
public interface RouteHandler {
    void handle(ApiRequest request, ApiResponse response) throws Exception;
}
