package dev.skiff.daemon.api;

import dev.skiff.daemon.filesystem.Change;
import dev.skiff.daemon.filesystem.ContainerFilesystems;
import dev.skiff.daemon.filesystem.PathStat;
import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Container filesystem routes: cp ({@code /archive}), export and diff ({@code /changes}). */
public final class ContainerFilesystemRoutes implements Routes {
    private static final String TAR = "application/x-tar";

    private final ContainerFilesystems filesystems;

    public ContainerFilesystemRoutes(ContainerFilesystems filesystems) {
        this.filesystems = filesystems;
    }

    @Override
    public void register(Router router) {
        router.add("HEAD", "/containers/{id}/archive", this::stat);
        router.add("GET", "/containers/{id}/archive", this::archive);
        router.add("PUT", "/containers/{id}/archive", this::extract);
        router.add("GET", "/containers/{id}/export", this::export);
        router.add("GET", "/containers/{id}/changes", this::changes);
    }

    private void stat(ApiRequest req, ApiResponse res) throws Exception {
        PathStat stat = filesystems.stat(req.pathParam("id"), req.query("path"));
        res.header(PathStat.HEADER, stat.headerValue()).empty(200);
    }

    private void archive(ApiRequest req, ApiResponse res) throws Exception {
        filesystems.archive(req.pathParam("id"), req.query("path"),
                stat -> res.binaryStream(200, TAR, Map.of(PathStat.HEADER, stat.headerValue())));
    }

    private void extract(ApiRequest req, ApiResponse res) throws Exception {
        filesystems.extract(req.pathParam("id"), req.query("path"), req.queryBool("noOverwriteDirNonDir"),
                req.queryBool("copyUIDGID"), req.body());
        res.empty(200);
    }

    private void export(ApiRequest req, ApiResponse res) throws Exception {
        filesystems.export(req.pathParam("id"), () -> res.binaryStream(200, TAR, Map.of()));
    }

    private void changes(ApiRequest req, ApiResponse res) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Change c : filesystems.changes(req.pathParam("id"))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Path", c.path());
            m.put("Kind", c.kind());
            out.add(m);
        }
        res.json(200, out);
    }
}
