package dev.skiff.daemon.api;

import dev.skiff.daemon.container.ContainerService;
import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.ApiVersion;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.stats.StatsFeed;
import dev.skiff.daemon.stats.StatsService;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** A container's resources: {@code stats} (its usage) and {@code update} (its limits and restart policy). */
public final class ContainerResourceRoutes implements Routes {
    private final ContainerService containers;
    private final StatsService stats;

    public ContainerResourceRoutes(ContainerService containers, StatsService stats) {
        this.containers = containers;
        this.stats = stats;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/containers/{id}/stats", this::stats);
        router.add("POST", "/containers/{id}/update", this::update);
    }

    /**
     * {@code stream=0}: one JSON document with Content-Type; otherwise a chunked stream without one, one
     * document per line and second, until the client leaves or the container is removed.
     */
    private void stats(ApiRequest req, ApiResponse res) throws IOException, InterruptedException {
        boolean stream = req.queryBool("stream", true);
        boolean oneShot = ApiVersion.atLeast(req.apiVersion(), "1.41") && req.queryBool("one-shot", false);
        StatsFeed feed = stats.open(req.pathParam("id"), stream, oneShot);
        req.onClientGone(feed::cancel);
        if (!stream) {
            res.json(200, feed.single(oneShot));
            return;
        }
        OutputStream out = res.binaryStream(200, null, Map.of());
        out.flush();
        try {
            feed.stream(document -> {
                out.write(Json.MAPPER.writeValueAsBytes(document));
                out.write('\n');
                out.flush();
            });
        } catch (IOException e) {
            // the client hung up mid-write; nobody is left to tell
        }
    }

    private void update(ApiRequest req, ApiResponse res) {
        boolean pidsLimit = ApiVersion.atLeast(req.apiVersion(), "1.40");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Warnings", containers.update(req.pathParam("id"), req.bodyJson(), pidsLimit));
        res.json(200, body);
    }
}
