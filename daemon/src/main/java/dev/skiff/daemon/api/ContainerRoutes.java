package dev.skiff.daemon.api;

import dev.skiff.daemon.attach.AttachSession;
import dev.skiff.daemon.attach.DetachKeys;
import dev.skiff.daemon.container.ContainerService;
import dev.skiff.daemon.container.Stdio;
import dev.skiff.daemon.container.WaitCondition;
import dev.skiff.daemon.container.WaitResult;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.Hijacked;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;
import dev.skiff.daemon.json.Json;
import dev.skiff.daemon.logs.LogEntry;
import dev.skiff.daemon.logs.LogQuery;
import dev.skiff.daemon.logs.LogReader;
import dev.skiff.daemon.stream.StdioWriter;
import dev.skiff.daemon.stream.StreamType;
import dev.skiff.daemon.time.GoTime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** The container lifecycle routes: create, start/stop/kill/restart, pause, rename, wait, rm, ps, inspect, logs, attach. */
public final class ContainerRoutes implements Routes {
    private static final String RAW_STREAM = "application/vnd.docker.raw-stream";

    private final ContainerService containers;

    public ContainerRoutes(ContainerService containers) {
        this.containers = containers;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/containers/create", this::create);
        router.add("GET", "/containers/json", this::list);
        router.add("POST", "/containers/prune", this::prune);
        // the size of the writable layer is a walk of its files: that one goes to a worker
        router.addInMemory("GET", "/containers/{id}/json", req -> !req.queryBool("size"), this::inspect);
        router.add("POST", "/containers/{id}/start", (req, res) -> {
            containers.start(req.pathParam("id"));
            res.empty(204);
        });
        router.add("POST", "/containers/{id}/stop", (req, res) -> {
            containers.stop(req.pathParam("id"), optionalInt(req, "t"));
            res.empty(204);
        });
        router.add("POST", "/containers/{id}/restart", (req, res) -> {
            containers.restart(req.pathParam("id"), optionalInt(req, "t"));
            res.empty(204);
        });
        router.add("POST", "/containers/{id}/kill", (req, res) -> {
            containers.kill(req.pathParam("id"), req.query("signal"));
            res.empty(204);
        });
        router.add("POST", "/containers/{id}/pause", (req, res) -> {
            containers.pause(req.pathParam("id"));
            res.empty(204);
        });
        router.add("POST", "/containers/{id}/unpause", (req, res) -> {
            containers.unpause(req.pathParam("id"));
            res.empty(204);
        });
        router.add("POST", "/containers/{id}/rename", (req, res) -> {
            containers.rename(req.pathParam("id"), req.query("name"));
            res.empty(204);
        });
        router.add("POST", "/containers/{id}/resize", this::resize);
        router.add("POST", "/containers/{id}/wait", this::waitFor);
        router.add("DELETE", "/containers/{id}", (req, res) -> {
            containers.remove(req.pathParam("id"), req.queryBool("force"));
            res.empty(204);
        });
        router.add("GET", "/containers/{id}/logs", this::logs);
        router.add("GET", "/containers/{id}/top", (req, res) ->
                res.json(200, containers.top(req.pathParam("id"), req.query("ps_args"))));
        router.add("POST", "/containers/{id}/attach", this::attach);
    }

    private void create(ApiRequest req, ApiResponse res) throws IOException {
        ContainerService.Created c = containers.create(req.query("name"), req.bodyJson());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Id", c.id());
        body.put("Warnings", c.warnings());
        res.json(201, body);
    }

    private void list(ApiRequest req, ApiResponse res) {
        Integer limit = optionalInt(req, "limit");
        res.json(200, containers.list(req.queryBool("all"), limit == null ? -1 : limit, req.queryBool("size"),
                Filters.parse(req.query("filters"))));
    }

    private void inspect(ApiRequest req, ApiResponse res) {
        res.json(200, containers.inspect(req.pathParam("id"), req.queryBool("size")));
    }

    private void prune(ApiRequest req, ApiResponse res) {
        ContainerService.Pruned p = containers.prune(Filters.parse(req.query("filters")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ContainersDeleted", p.deleted().isEmpty() ? null : p.deleted());
        body.put("SpaceReclaimed", p.spaceReclaimed());
        res.json(200, body);
    }

    private void resize(ApiRequest req, ApiResponse res) {
        Integer h = optionalInt(req, "h");
        Integer w = optionalInt(req, "w");
        containers.resize(req.pathParam("id"), h == null ? 0 : h, w == null ? 0 : w);
        res.empty(200);
    }

    /**
     * The status line and headers go out at once (docker run sends wait before start); the body
     * {@code {"Error":null,"StatusCode":n}} when the condition is met.
     */
    private void waitFor(ApiRequest req, ApiResponse res) throws IOException, InterruptedException {
        CompletableFuture<WaitResult> result = containers.waitFor(req.pathParam("id"),
                WaitCondition.parse(req.query("condition")));
        req.onClientGone(() -> result.cancel(false));
        OutputStream out = res.binaryStream(200, "application/json", Map.of());
        out.flush();
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            WaitResult r = result.get();
            body.put("Error", r.error() == null ? null : Map.of("Message", r.error()));
            body.put("StatusCode", r.statusCode());
        } catch (CancellationException | ExecutionException e) {
            body.put("Error", Map.of("Message", "context canceled"));
            body.put("StatusCode", -1);
        }
        try {
            out.write(Json.MAPPER.writeValueAsBytes(body));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // docker run -d drops its wait connection once the container started: nobody is listening
        }
    }

    /** Multiplexed frames (one per log record) or raw bytes for a TTY container; no Content-Type, as dockerd. */
    private void logs(ApiRequest req, ApiResponse res) throws IOException, InterruptedException {
        boolean stdout = req.queryBool("stdout");
        boolean stderr = req.queryBool("stderr");
        if (!stdout && !stderr) {
            throw EngineException.invalidParameter("Bad parameters: you must choose at least one stream");
        }
        LogQuery query = new LogQuery(stdout, stderr,
                LogQuery.parseTime("since", req.query("since")), LogQuery.parseTime("until", req.query("until")),
                LogQuery.parseTail(req.query("tail")), req.queryBool("follow"));
        boolean timestamps = req.queryBool("timestamps");
        Stdio stdio = containers.stdio(req.pathParam("id"));
        AtomicBoolean gone = new AtomicBoolean();
        req.onClientGone(() -> gone.set(true));
        OutputStream out = res.binaryStream(200, null, Map.of());
        out.flush();
        StdioWriter writer = new StdioWriter(out, stdio.tty(), false);
        try {
            stdio.readLogs(query, new LogReader.Sink() {
                @Override
                public void accept(LogEntry e) throws IOException {
                    byte[] line = e.line();
                    if (timestamps) {
                        byte[] ts = (GoTime.rfc3339NanoFixed(e.time()) + " ").getBytes(StandardCharsets.US_ASCII);
                        byte[] withTs = new byte[ts.length + line.length];
                        System.arraycopy(ts, 0, withTs, 0, ts.length);
                        System.arraycopy(line, 0, withTs, ts.length, line.length);
                        line = withTs;
                    }
                    writer.write(e.isStderr() ? StreamType.STDERR : StreamType.STDOUT, line, 0, line.length);
                }

                @Override
                public void caughtUp() throws IOException {
                    writer.flush();
                }
            }, gone::get);
        } catch (IOException e) {
            if (!gone.get()) {
                throw e;
            }
        }
    }

    private void attach(ApiRequest req, ApiResponse res) throws IOException, InterruptedException {
        DetachKeys detachKeys;
        try {
            detachKeys = DetachKeys.parse(req.query("detachKeys"));
        } catch (IllegalArgumentException e) {
            throw EngineException.invalidParameter("Invalid detach keys (" + req.query("detachKeys") + ") provided");
        }
        Stdio stdio = containers.attach(req.pathParam("id"));
        AttachSession.Options options = new AttachSession.Options(req.queryBool("stdin"), req.queryBool("stdout"),
                req.queryBool("stderr"), req.queryBool("logs"), req.queryBool("stream"), detachKeys);
        AttachSession session = new AttachSession(stdio, options);
        try (Hijacked conn = res.hijack(RAW_STREAM)) {
            req.onClientGone(session::cancel);
            try {
                session.run(conn.in(), conn.out());
            } catch (IOException e) {
                // the client is gone; nothing left to tell it
            }
            conn.closeOutput();
        } finally {
            session.close();
        }
    }

    private static Integer optionalInt(ApiRequest req, String name) {
        String v = req.query(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw EngineException.invalidParameter("strconv.Atoi: parsing \"" + v + "\": invalid syntax");
        }
    }
}
