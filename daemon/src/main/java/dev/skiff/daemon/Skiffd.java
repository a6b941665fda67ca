package dev.skiff.daemon;

import dev.skiff.daemon.api.AuthRoutes;
import dev.skiff.daemon.api.CommitRoutes;
import dev.skiff.daemon.api.ContainerFilesystemRoutes;
import dev.skiff.daemon.api.ContainerResourceRoutes;
import dev.skiff.daemon.api.ContainerRoutes;
import dev.skiff.daemon.api.EventRoutes;
import dev.skiff.daemon.api.ExecRoutes;
import dev.skiff.daemon.api.ImageRoutes;
import dev.skiff.daemon.api.SystemRoutes;
import dev.skiff.daemon.commit.ContainerCommitter;
import dev.skiff.daemon.config.ConfigLoader;
import dev.skiff.daemon.config.DaemonConfig;
import dev.skiff.daemon.container.ContainerService;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.exec.ExecService;
import dev.skiff.daemon.exec.ExecStore;
import dev.skiff.daemon.filesystem.ContainerFilesystems;
import dev.skiff.daemon.http.ApiServer;
import dev.skiff.daemon.image.BlobStore;
import dev.skiff.daemon.image.ContainerImageUsers;
import dev.skiff.daemon.image.ImageEvents;
import dev.skiff.daemon.image.ImageImporter;
import dev.skiff.daemon.image.ImageService;
import dev.skiff.daemon.image.LayerContent;
import dev.skiff.daemon.image.archive.ImageLoader;
import dev.skiff.daemon.image.archive.ImageSaver;
import dev.skiff.daemon.image.ImagesForContainers;
import dev.skiff.daemon.image.ImageStore;
import dev.skiff.daemon.image.LayerRecovery;
import dev.skiff.daemon.pull.PullService;
import dev.skiff.daemon.push.PushService;
import dev.skiff.daemon.registry.RegistryClient;
import dev.skiff.daemon.registry.RegistryEndpoints;
import dev.skiff.daemon.stats.StatsService;
import dev.skiff.daemon.http.Router;
import dev.skiff.daemon.http.UnixSocketFile;
import dev.skiff.daemon.log.DaemonLogging;
import dev.skiff.daemon.system.ContainerCounts;
import dev.skiff.daemon.system.EngineId;
import dev.skiff.daemon.system.HostInfo;
import dev.skiff.daemon.system.SystemService;
import dev.skiff.runtime.ContainerRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

import dev.skiff.runtime.layer.OverlayLayerStore;
import sun.misc.Signal;

/** skiffd: wires the services to the API server and runs until SIGTERM or SIGINT. */
public final class Skiffd implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("skiffd");

    private final DaemonConfig config;
    private ContainerRuntime runtime;
    private ApiServer server;
    private PullService pulls;
    private OverlayLayerStore layers;
    private ContainerService containers;
    private ExecService execs;

    public Skiffd(DaemonConfig config) {
        this.config = config;
    }

    public void start() throws IOException, InterruptedException {
        prepareDirectories();
        HostInfo host = HostInfo.read(config.dataRoot());
        String engineId = EngineId.loadOrCreate(config.dataRoot());
        EventBus events = new EventBus();
        Path imageDir = config.dataRoot().resolve("image");
        BlobStore blobs = new BlobStore(imageDir);
        layers = new OverlayLayerStore(imageDir.resolve("layers"));
        ImageStore images = new ImageStore(imageDir, blobs, layers);
        RegistryClient registry = new RegistryClient(new RegistryEndpoints(config.registryMirrors(), config.insecureRegistries()));
        pulls = new PullService(images, blobs, layers, registry, events);
        runtime = ContainerRuntime.open(config.execRoot());
        ExecStore execStore = new ExecStore(Clock.systemUTC());
        containers = new ContainerService(runtime, new ImagesForContainers(images), events, config.dataRoot(),
                config.execRoot(), config.logOpts(), Clock.systemUTC(), execStore);
        execs = new ExecService(containers, execStore, Clock.systemUTC());
        images.setLayerUsers(containers::lowerDirsInUse);
        int rebuilt = new LayerRecovery(images).rebuildDamagedLayers();
        if (rebuilt > 0) {
            LOG.log(System.Logger.Level.WARNING, "extracted " + rebuilt + " image layers again: they were not on disk"
                    + " in full when skiffd last stopped");
        }
        containers.restore();
        int unused = images.collectUnusedLayers().size();
        if (unused > 0) {
            LOG.log(System.Logger.Level.INFO, "removed " + unused + " image layers that nothing used");
        }
        ImageEvents imageEvents = new ImageEvents(events);
        ImageService imageService = new ImageService(images, new ContainerImageUsers(containers), imageEvents,
                Clock.systemUTC());
        LayerContent layerContent = new LayerContent(images, imageDir.resolve("tmp-layers"));
        ImageSaver saver = new ImageSaver(images, layerContent);
        PushService pushes = new PushService(images, registry, layerContent, events, imageDir.resolve("tmp-push"));
        ImageLoader loader = new ImageLoader(images, imageEvents, imageDir.resolve("tmp-load"));
        ImageImporter importer = new ImageImporter(images, imageEvents, imageDir.resolve("tmp-import"), Clock.systemUTC());
        SystemService system = new SystemService(host, config, engineId, cgroupVersion(),
                () -> images.images().size(), containers::counts, events::listeners);
        Router router = new Router();
        router.addAll(new SystemRoutes(system), new EventRoutes(events),
                new ImageRoutes(images, imageService, pulls, saver, loader, importer, pushes),
                new ContainerRoutes(containers),
                new ContainerResourceRoutes(containers, new StatsService(containers, Clock.systemUTC(), StatsService.INTERVAL)),
                new ExecRoutes(execs), new AuthRoutes(registry),
                new ContainerFilesystemRoutes(new ContainerFilesystems(containers)),
                new CommitRoutes(new ContainerCommitter(containers, images, imageEvents, events, Clock.systemUTC())));
        server = new ApiServer(config.host(), router);
        server.start();
        LOG.log(System.Logger.Level.INFO, "API listen on " + config.host());
    }

    private void prepareDirectories() throws IOException {
        Files.createDirectories(config.dataRoot());
        Files.setPosixFilePermissions(config.dataRoot(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.createDirectories(config.execRoot());
        Files.setPosixFilePermissions(config.execRoot(), PosixFilePermissions.fromString("rwx------"));
    }

    private static String cgroupVersion() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .anyMatch(l -> l.contains(" /sys/fs/cgroup ") && l.contains(" - cgroup2 ")) ? "2" : "1";
        } catch (IOException e) {
            return "1";
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (containers != null) {
            containers.close();
        }
        if (execs != null) {
            execs.close();
        }
        if (pulls != null) {
            pulls.close();
        }
        if (layers != null) {
            layers.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        LOG.log(System.Logger.Level.INFO, "daemon shut down");
    }

    public static void main(String[] args) {
        DaemonConfig config;
        try {
            config = ConfigLoader.load(args);
        } catch (ConfigLoader.ConfigException e) {
            System.err.println("skiffd: " + e.getMessage());
            System.exit(2);
            return;
        }
        DaemonLogging.configure(config.logLevel());
        if (!isRoot()) {
            System.err.println("skiffd: skiffd needs to be started with root privileges");
            System.exit(1);
        }
        Skiffd daemon = new Skiffd(config);
        // SIGTERM and SIGINT end the main thread's wait; shutdown then runs on the main thread, in
        // order, with logging still working (JUL resets its handlers in its own shutdown hook).
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        try {
            daemon.start();
        } catch (UnixSocketFile.SocketInUseException e) {
            System.err.println("skiffd: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("skiffd: failed to start daemon: " + e);
            daemon.close();
            System.exit(1);
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "processing signal, shutting down");
        daemon.close();
        System.exit(0);
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
