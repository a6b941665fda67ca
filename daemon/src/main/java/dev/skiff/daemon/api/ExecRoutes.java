package dev.skiff.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.exec.ExecInstance;
import dev.skiff.daemon.exec.ExecService;
import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.Hijacked;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;

import java.util.Map;

/** {@code docker exec}: create, start (hijacked, or detached), inspect, resize. */
public final class ExecRoutes implements Routes {
    private static final String RAW_STREAM = "application/vnd.docker.raw-stream";

    private final ExecService execs;

    public ExecRoutes(ExecService execs) {
        this.execs = execs;
    }

    @Override
    public void register(Router router) {
        router.addInMemory("POST", "/containers/{id}/exec", (req, res) ->
                res.json(201, Map.of("Id", execs.create(req.pathParam("id"), req.bodyJson()))));
        router.add("POST", "/exec/{id}/start", this::start);
        router.addInMemory("GET", "/exec/{id}/json", (req, res) -> res.json(200, execs.inspect(req.pathParam("id"))));
        router.add("POST", "/exec/{id}/resize", (req, res) -> {
            execs.resize(req.pathParam("id"), dimension(req, "h"), dimension(req, "w"));
            res.empty(200);
        });
    }

    /** Detached: 200 once the process runs. Attached: 101, then the streams until the process has exited. */
    private void start(ApiRequest req, ApiResponse res) throws InterruptedException {
        JsonNode body = req.bodyJson();
        boolean detach = body != null && body.path("Detach").asBoolean(false);
        ExecInstance exec = execs.claim(req.pathParam("id"));
        if (detach) {
            execs.startDetached(exec);
            res.empty(200);
            return;
        }
        try (Hijacked conn = res.hijack(RAW_STREAM)) {
            execs.runAttached(exec, conn.in(), conn.out());
            conn.closeOutput();
        }
    }

    private static int dimension(ApiRequest req, String name) {
        String v = req.query(name);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw EngineException.invalidParameter("strconv.Atoi: parsing \"" + v + "\": invalid syntax");
        }
    }
}
