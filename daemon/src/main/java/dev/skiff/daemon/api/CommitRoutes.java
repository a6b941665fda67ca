package dev.skiff.daemon.api;

import dev.skiff.daemon.commit.CommitRequest;
import dev.skiff.daemon.commit.ContainerCommitter;
import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;

import java.util.Map;

/** {@code POST /commit}: a container's changes as a new image. */
public final class CommitRoutes implements Routes {
    private final ContainerCommitter committer;

    public CommitRoutes(ContainerCommitter committer) {
        this.committer = committer;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/commit", this::commit);
    }

    private void commit(ApiRequest req, ApiResponse res) throws Exception {
        CommitRequest request = new CommitRequest(req.query("container"), req.query("repo"), req.query("tag"),
                req.query("comment"), req.query("author"), req.queryBool("pause", true), req.queryAll("changes"),
                req.bodyJson());
        res.json(201, Map.of("Id", committer.commit(request).toString()));
    }
}
