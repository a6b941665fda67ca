package dev.skiff.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.http.ApiRequest;
import dev.skiff.daemon.http.ApiResponse;
import dev.skiff.daemon.http.JsonStream;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.Routes;
import dev.skiff.daemon.image.DeleteRecord;
import dev.skiff.daemon.image.Image;
import dev.skiff.daemon.image.ImageDeleter;
import dev.skiff.daemon.image.ImageHistory;
import dev.skiff.daemon.image.ImageImporter;
import dev.skiff.daemon.image.RemoteTar;
import dev.skiff.daemon.image.ImagePruner;
import dev.skiff.daemon.image.ImageService;
import dev.skiff.daemon.image.ImageListing;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.image.archive.ImageLoader;
import dev.skiff.daemon.image.archive.ImageSaver;
import dev.skiff.daemon.image.archive.SavedImage;
import dev.skiff.daemon.pull.ProgressMessage;
import dev.skiff.daemon.pull.ProgressReader;
import dev.skiff.daemon.pull.PullService;
import dev.skiff.daemon.push.PushService;
import dev.skiff.daemon.reference.Reference;
import dev.skiff.daemon.registry.Platform;
import dev.skiff.daemon.registry.RegistryCredentials;
import dev.skiff.daemon.time.GoTime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Image routes: pull ({@code POST /images/create?fromImage=}), list, inspect, tag, rmi, prune, history. */
public final class ImageRoutes implements Routes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ImageStore images;
    private final ImageListing listing;
    private final ImageService service;
    private final PullService pulls;
    private final ImageSaver saver;
    private final ImageLoader loader;
    private final ImageImporter importer;
    private final PushService pushes;

    public ImageRoutes(ImageStore images, ImageService service, PullService pulls, ImageSaver saver, ImageLoader loader,
                       ImageImporter importer, PushService pushes) {
        this.images = images;
        this.listing = new ImageListing(images);
        this.service = service;
        this.pulls = pulls;
        this.saver = saver;
        this.loader = loader;
        this.importer = importer;
        this.pushes = pushes;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/images/create", this::create);
        router.add("GET", "/images/json", this::list);
        router.add("GET", "/images/{name:.*}/json", this::inspect);
        router.add("POST", "/images/{name:.*}/tag", this::tag);
        router.add("DELETE", "/images/{name:.*}", this::delete);
        router.add("POST", "/images/prune", this::prune);
        router.add("GET", "/images/{name:.*}/history", this::history);
        router.add("GET", "/images/get", (req, res) -> save(req.queryAll("names"), res));
        router.add("GET", "/images/{name:.*}/get", (req, res) -> save(List.of(req.pathParam("name")), res));
        router.add("POST", "/images/load", this::load);
        router.add("POST", "/images/{name:.*}/push", this::push);
    }

    /** {@code docker push}: the stream starts at once; every failure after that travels inside it. */
    private void push(ApiRequest req, ApiResponse res) throws IOException {
        Reference ref = Reference.parseNormalized(req.pathParam("name"));
        String tag = req.query("tag");
        if (tag != null && !tag.isEmpty()) {
            ref = ref.trimmed().withTag(tag);
        }
        RegistryCredentials credentials = RegistryCredentials.fromHeader(req.header("X-Registry-Auth"));
        try (JsonStream stream = res.jsonStream()) {
            try {
                pushes.push(ref, credentials, stream::send);
            } catch (EngineException e) {
                stream.sendError(e.getMessage());
            }
        }
    }

    /** {@code docker save}: names are resolved first (404), then the archive streams. */
    private void save(List<String> names, ApiResponse res) throws IOException {
        List<SavedImage> plan = saver.plan(names);
        try (OutputStream out = res.binaryStream(200, "application/x-tar", Map.of())) {
            saver.write(plan, out);
        }
    }

    private void load(ApiRequest req, ApiResponse res) throws IOException {
        try (JsonStream stream = res.jsonStream()) {
            try {
                loader.load(req.body(), req.queryBool("quiet"), stream::send);
            } catch (EngineException | IOException e) {   // the stream has started: errors travel inside it
                stream.sendError(e.getMessage());
            }
        }
    }

    private void tag(ApiRequest req, ApiResponse res) throws IOException {
        service.tag(req.pathParam("name"), req.query("repo"), req.query("tag"));
        res.empty(201);
    }

    private void delete(ApiRequest req, ApiResponse res) throws IOException {
        ImageDeleter.Result result = service.delete(req.pathParam("name"), req.queryBool("force"), req.queryBool("noprune"));
        res.json(200, deleteRecords(result.records()));
    }

    private void prune(ApiRequest req, ApiResponse res) throws IOException {
        ImagePruner.Pruned pruned = service.prune(Filters.parse(req.query("filters")));
        ObjectNode o = F.objectNode();
        o.set("ImagesDeleted", pruned.deleted().isEmpty() ? F.nullNode() : deleteRecords(pruned.deleted()));
        o.put("SpaceReclaimed", pruned.spaceReclaimed());
        res.json(200, o);
    }

    private static ArrayNode deleteRecords(List<DeleteRecord> records) {
        ArrayNode a = F.arrayNode();
        for (DeleteRecord r : records) {
            ObjectNode o = a.addObject();
            if (r.untagged() != null) {
                o.put("Untagged", r.untagged());
            } else {
                o.put("Deleted", r.deleted());
            }
        }
        return a;
    }

    private void history(ApiRequest req, ApiResponse res) {
        ArrayNode out = F.arrayNode();
        for (ImageHistory.Entry e : service.history(req.pathParam("name"))) {
            ObjectNode o = out.addObject();
            o.put("Comment", e.comment());
            o.put("Created", e.created());
            o.put("CreatedBy", e.createdBy());
            o.put("Id", e.id());
            o.put("Size", e.size());
            o.set("Tags", strings(e.tags()));
        }
        res.json(200, out);
    }

    private void create(ApiRequest req, ApiResponse res) throws Exception {
        String fromSrc = req.query("fromSrc");
        if (fromSrc != null && !fromSrc.isEmpty()) {
            importImage(req, res, fromSrc);
            return;
        }
        String fromImage = req.query("fromImage");
        if (fromImage == null || fromImage.isEmpty()) {
            throw EngineException.invalidParameter("fromImage or fromSrc is required");
        }
        Reference ref = PullService.requestedReference(fromImage, req.query("tag"));
        Platform platform = platform(req.query("platform"));
        RegistryCredentials credentials = RegistryCredentials.fromHeader(req.header("X-Registry-Auth"));
        // The stream starts with the first message, so failures before it (unknown image,
        // unreachable registry) still become plain status codes, as with dockerd.
        LazyStream stream = new LazyStream(res);
        try {
            pulls.pull(ref, credentials, platform, stream::send);
        } catch (EngineException e) {
            if (!res.started()) {
                throw e;
            }
            stream.sendError(e.getMessage());
        } catch (IOException clientGone) {
            // nobody left to tell
        } finally {
            stream.close();
        }
    }

    /**
     * {@code docker import} from the request body ("-") or a URL. From the body, failures before
     * the answer are plain status codes; a URL's download is reported in the stream first.
     */
    private void importImage(ApiRequest req, ApiResponse res, String fromSrc) throws IOException {
        String repo = req.query("repo");
        String tag = req.query("tag");
        List<String> changes = req.queryAll("changes");
        String message = req.query("message");
        if (fromSrc.equals("-")) {
            Image image = importer.importTar(req.body(), fromSrc, repo, tag, changes, message);
            try (JsonStream stream = res.jsonStream()) {
                stream.send(Map.of("status", image.id().toString()));
            }
            return;
        }
        try (RemoteTar.Download download = RemoteTar.open(fromSrc); JsonStream stream = res.jsonStream()) {
            try {
                stream.send(ProgressMessage.message("Downloading from " + download.uri()));
                InputStream tar = new ProgressReader(download.body(), download.length(),
                        (current, total) -> stream.send(ProgressMessage.progress(null, "Importing", current, total)));
                Image image = importer.importTar(tar, fromSrc, repo, tag, changes, message);
                stream.send(Map.of("status", image.id().toString()));
            } catch (EngineException | IOException e) {
                stream.sendError(e.getMessage());
            }
        }
    }

    private static Platform platform(String spec) {
        if (spec == null || spec.isBlank()) {
            return Platform.host();
        }
        String[] p = spec.trim().split("/");
        if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
            throw EngineException.invalidParameter("\"" + spec + "\": unknown operating system or architecture: invalid argument");
        }
        return Platform.normalize(new Platform(p[0], p[1], p.length == 3 ? p[2] : ""));
    }

    private void list(ApiRequest req, ApiResponse res) {
        Filters filters = Filters.parse(req.query("filters"));
        ArrayNode out = F.arrayNode();
        for (ImageListing.Entry e : listing.list(req.queryBool("all"), filters)) {
            Image i = e.image();
            ObjectNode o = out.addObject();
            o.put("Containers", -1);
            o.put("Created", i.config().createdSeconds());
            o.put("Id", i.id().toString());
            o.set("Labels", labels(i));
            o.put("ParentId", i.parent() == null ? "" : i.parent().toString());
            o.set("RepoDigests", strings(e.repoDigests()));
            o.set("RepoTags", strings(e.repoTags()));
            o.put("SharedSize", -1);
            o.put("Size", i.size());
            o.put("VirtualSize", i.size());
        }
        res.json(200, out);
    }

    private void inspect(ApiRequest req, ApiResponse res) throws IOException {
        String name = req.pathParam("name");
        Image i;
        try {
            i = images.resolve(name);
        } catch (EngineException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            throw EngineException.notFound("no such image: " + name + ": " + e.getMessage());
        }
        List<String> tags = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (Reference r : images.references(i.id())) {
            (r.digest() != null ? digests : tags).add(r.familiarString());
        }
        var c = i.config();
        ObjectNode o = F.objectNode();
        o.put("Id", i.id().toString());
        o.set("RepoTags", strings(tags));
        o.set("RepoDigests", strings(digests));
        o.put("Parent", i.parent() == null ? "" : i.parent().toString());
        o.put("Comment", c.comment());
        o.put("Created", GoTime.rfc3339Nano(GoTime.parseRfc3339OrZero(c.created())));
        o.put("Container", c.container());
        o.set("ContainerConfig", ContainerConfigJson.render(c.containerConfig()));
        o.put("DockerVersion", c.dockerVersion());
        o.put("Author", c.author());
        o.set("Config", c.raw().get("config") == null || c.raw().get("config").isNull()
                ? F.nullNode() : ContainerConfigJson.render(c.raw().get("config")));
        o.put("Architecture", c.architecture());
        if (!c.variant().isEmpty()) {
            o.put("Variant", c.variant());
        }
        o.put("Os", c.os());
        o.put("Size", i.size());
        o.put("VirtualSize", i.size());
        o.set("GraphDriver", graphDriver(i));
        ObjectNode rootfs = o.putObject("RootFS");
        rootfs.put("Type", "layers");
        if (!c.diffIds().isEmpty()) {
            rootfs.set("Layers", strings(c.diffIds()));
        }
        o.putObject("Metadata").put("LastTagTime", GoTime.rfc3339Nano(i.lastTagTime()));
        res.json(200, o);
    }

    /** overlay2-style GraphDriver data: the top layer is the "upper" dir, the rest its lowers. */
    private ObjectNode graphDriver(Image i) throws IOException {
        ObjectNode g = F.objectNode();
        ObjectNode data = g.putObject("Data");
        List<String> chain = i.chainIds();
        if (!chain.isEmpty()) {
            List<Path> dirs = images.lowerDirs(i);
            Path top = dirs.get(0);
            if (dirs.size() > 1) {
                data.put("LowerDir", String.join(":", dirs.subList(1, dirs.size()).stream().map(Path::toString).toList()));
            }
            data.put("MergedDir", top.resolveSibling("merged").toString());
            data.put("UpperDir", top.toString());
            data.put("WorkDir", top.resolveSibling("work").toString());
        }
        g.put("Name", "overlay2");
        return g;
    }

    private static JsonNode labels(Image i) {
        Map<String, String> labels = i.config().config().labels();
        if (labels == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        new LinkedHashMap<>(labels).forEach(o::put);
        return o;
    }

    private static JsonNode strings(List<String> values) {
        if (values == null) {
            return F.nullNode();
        }
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** Opens the 200 JSON stream on the first message only. */
    private static final class LazyStream {
        private final ApiResponse res;
        private JsonStream stream;

        LazyStream(ApiResponse res) {
            this.res = res;
        }

        void send(ProgressMessage m) throws IOException {
            open().send(m);
        }

        void sendError(String message) throws IOException {
            open().sendError(message);
        }

        private JsonStream open() {
            if (stream == null) {
                stream = res.jsonStream();
            }
            return stream;
        }

        void close() {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
