package dev.skiff.daemon.container;

import dev.skiff.daemon.stream.Closeables;

import dev.skiff.runtime.files.FileTrees;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import dev.skiff.daemon.events.Event;
import dev.skiff.daemon.events.EventBus;
import dev.skiff.daemon.filters.FilterTime;
import dev.skiff.daemon.filters.Filters;
import dev.skiff.daemon.logs.JsonFileLog;
import dev.skiff.daemon.network.PortMappings;
import dev.skiff.daemon.network.PortPublisher;
import dev.skiff.daemon.network.PublishedPort;
import dev.skiff.daemon.network.PublishedPorts;
import dev.skiff.daemon.logs.LineSplitter;
import dev.skiff.daemon.logs.LogEntry;
import dev.skiff.daemon.logs.LogOptions;
import dev.skiff.daemon.naming.ContainerNames;
import dev.skiff.daemon.naming.NameGenerator;
import dev.skiff.daemon.stream.StreamType;
import dev.skiff.daemon.system.ContainerCounts;
import dev.skiff.runtime.BindMount;
import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.ContainerSpec;
import dev.skiff.runtime.ContainerStats;
import dev.skiff.runtime.ExitStatus;
import dev.skiff.runtime.ProcessStartException;
import dev.skiff.runtime.namespace.ContainerNetwork;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The container lifecycle: create, start, stop, kill, restart, pause, remove, rename, wait, list,
 * inspect, prune, plus restart policies, auto-removal, and the daemon's start (reconcile) and shutdown.
 * Every state change is written to disk before the caller hears of it. A container's process is read
 * continuously by two pump threads that feed its json-file log and any attached clients.
 */
public final class ContainerService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("skiffd.containers");
    private static final String START_FAILURE_PREFIX =
            "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ";
    /** dockerd's exit code for a container whose process the daemon lost (it was down when it ended). */
    static final int LOST_EXIT_CODE = 255;
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int SHUTDOWN_STOP_TIMEOUT = 5;

    private final ContainerRuntime runtime;
    private final ContainerImages images;
    private final EventBus events;
    private final ContainerStore store;
    private final SpecFactory specs;
    private final ProcessTable processes = new ProcessTable(Path.of("/proc"));
    private final LogOptions daemonLogOptions;
    private final Map<String, String> daemonLogOpts;
    private final Clock clock;
    private final NameGenerator names = new NameGenerator(new SecureRandom());
    private final SecureRandom random = new SecureRandom();
    private final ContainerIndex<ManagedContainer> index = new ContainerIndex<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final PortPublisher ports = new PortPublisher();
    private final ContainerExecs execs;
    private volatile boolean shuttingDown;

    /**
     * @param events       where container events (create, start, die, destroy, ...) are published
     * @param dataRoot     the daemon's data root; containers live in {@code containers/} below it
     * @param execRoot     the daemon's exec root; root filesystems are mounted below it
     * @param logOpts      the daemon's {@code log-opts} (json-file {@code max-size}, {@code max-file})
     */
    public ContainerService(ContainerRuntime runtime, ContainerImages images, EventBus events, Path dataRoot,
                            Path execRoot, Map<String, String> logOpts, Clock clock) {
        this(runtime, images, events, dataRoot, execRoot, logOpts, clock, ContainerExecs.NONE);
    }

    /** @param execs the daemon's exec instances, listed by inspect and forgotten with their container */
    public ContainerService(ContainerRuntime runtime, ContainerImages images, EventBus events, Path dataRoot,
                            Path execRoot, Map<String, String> logOpts, Clock clock, ContainerExecs execs) {
        this.runtime = runtime;
        this.execs = execs;
        this.images = images;
        this.events = events;
        this.store = new ContainerStore(dataRoot.resolve("containers"));
        this.specs = new SpecFactory(store, execRoot);
        this.daemonLogOpts = Map.copyOf(logOpts);
        this.daemonLogOptions = LogOptions.parse(logOpts);
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemonThread(r, "container-" + n.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "container-restarts"));
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---------------------------------------------------------------- daemon start and shutdown

    /**
     * Loads every container and makes the records true again after a daemon stop or crash: whatever a
     * previous daemon left mounted or running is torn down; containers recorded as running are marked
     * exited (255: the daemon could not see how they ended); restart policies and auto-removal are then
     * applied as dockerd does at its start.
     */
    public void restore() throws IOException {
        List<ManagedContainer> toStart = new ArrayList<>();
        List<ManagedContainer> toRemove = new ArrayList<>();
        for (ContainerRecord r : store.loadAll()) {
            try {
                runtime.teardown(specs.forTeardown(r));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "container " + r.id() + ": cleanup of a previous run failed: " + e);
            }
            ContainerRecord fixed = reconcile(r, clock.instant());
            if (fixed != r) {
                store.save(fixed);
            }
            ManagedContainer mc = new ManagedContainer(fixed);
            index.add(fixed.id(), mc);
            index.reserveName(fixed.name(), fixed.id());
            RestartPolicy policy = fixed.hostConfig().restartPolicy();
            ContainerState s = fixed.state();
            if (fixed.hasBeenStartedBefore() && s.status() == ContainerStatus.EXITED
                    && policy.shouldRestart(s.exitCode(), fixed.hasBeenManuallyStopped(), fixed.restartCount())) {
                toStart.add(mc);
            } else if (fixed.hostConfig().autoRemove() && s.status() != ContainerStatus.DEAD) {
                toRemove.add(mc);
            }
        }
        for (ManagedContainer mc : toStart) {
            try {
                synchronized (mc) {
                    startLocked(mc, false);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "container " + mc.id + ": restart at daemon start failed: "
                        + e.getMessage());
            }
        }
        for (ManagedContainer mc : toRemove) {
            removeStopped(mc);
        }
    }

    /** The record as it must be after the daemon was down (pure; visible for tests). */
    static ContainerRecord reconcile(ContainerRecord r, Instant now) {
        ContainerState s = r.state();
        return switch (s.status()) {
            case RUNNING, PAUSED -> r.withState(s.exited(ContainerStatus.EXITED, LOST_EXIT_CODE, now));
            // waiting for a policy restart: no process, the last exit is known
            case RESTARTING -> r.withState(s.withStatus(ContainerStatus.EXITED));
            // a removal that was interrupted after it was recorded: dockerd leaves such containers dead
            case REMOVING -> r.withState(s.withStatus(ContainerStatus.DEAD));
            default -> r;
        };
    }

    /**
     * Stops every running container (its stop signal, then SIGKILL after a short grace period) without
     * counting it as a manual stop, so restart policies bring it back at the next daemon start.
     */
    @Override
    public void close() {
        shuttingDown = true;
        timers.shutdownNow();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ManagedContainer mc : index.all()) {
            ContainerRun run;
            synchronized (mc) {
                run = mc.run;
            }
            if (run != null) {
                int timeout = Math.min(SHUTDOWN_STOP_TIMEOUT, Math.max(0, mc.record().config().effectiveStopTimeout()));
                stops.add(CompletableFuture.runAsync(() -> stopRun(mc, run, stopSignal(mc.record()), timeout), workers));
            }
        }
        for (CompletableFuture<Void> f : stops) {
            try {
                f.get(SHUTDOWN_STOP_TIMEOUT + KILL_WAIT.getSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "stopping a container at shutdown failed: " + e);
            }
        }
        workers.shutdown();
        ports.close();
    }

    // ---------------------------------------------------------------- create

    /** The answer to a create: the new id and dockerd's warnings (none so far). */
    public record Created(String id, List<String> warnings) {
    }

    /**
     * Creates a container from a create request body ({@code Config} fields at the top level plus
     * {@code HostConfig}).
     *
     * @param requestedName the {@code name} query parameter, or null for a generated name
     */
    public Created create(String requestedName, JsonNode body) throws IOException {
        String name = requestedName == null || requestedName.isEmpty() ? null : ContainerNames.validate(requestedName);
        if (body == null || !body.isObject()) {
            throw EngineException.invalidParameter("config cannot be empty in order to create a container");
        }
        ContainerConfig requested = bind(body, ContainerConfig.class);
        HostConfig host = body.hasNonNull("HostConfig") ? bind(body.get("HostConfig"), HostConfig.class)
                : bind(ContainerJson.MAPPER.createObjectNode(), HostConfig.class);
        validate(host);
        // which network exists, and which container runs, is a question for each start, as with dockerd
        boolean hostNetwork = host.networkMode().equals("host");
        if (NetworkMode.sharesContainer(host.networkMode())) {
            validateSharedNetwork(requested, host);
        }
        if (requested.image().isEmpty()) {
            throw EngineException.invalidParameter("No image was specified for the container");
        }
        ImageForContainer image = images.resolve(requested.image());

        String id = newId();
        if (name == null) {
            name = reserveGeneratedName(id);
        } else {
            index.reserveName(name, id);
        }
        try {
            // with the host's network, the host's name, as dockerd does
            ContainerConfig config = ConfigMerge.merge(requested, image.config(), requested.image(),
                    hostNetwork ? NetworkFiles.hostnameOfHost() : id.substring(0, 12));
            List<String> argv = CommandLine.argv(config);
            if (argv.get(0).isEmpty()) {
                throw EngineException.invalidParameter("No command specified");
            }
            HostConfig storedHost = withMergedLogConfig(host).withDefaultMemorySwap();
            ContainerRecord r = new ContainerRecord(id, clock.instant(), name, argv.get(0),
                    List.copyOf(argv.subList(1, argv.size())), config, storedHost, image.id(),
                    image.lowerDirs().stream().map(Path::toString).toList(), image.size(),
                    ContainerState.CREATED, 0, false, false);
            if (hostNetwork) {
                store.create(r, NetworkFiles.hostsOfHost(), hostResolvConf());
            } else {
                store.create(r, NetworkFiles.hosts(), NetworkFiles.resolvConf(hostResolvConf()));
            }
            index.add(id, new ManagedContainer(r));
            event(r, "create", Map.of());
        } catch (IOException | RuntimeException e) {
            index.releaseName(name, id);
            FileTrees.delete(store.dir(id));
            throw e;
        }
        return new Created(id, List.of());
    }

    private static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return ContainerJson.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw EngineException.invalidParameter("invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** dockerd's host config checks at create, with its messages. */
    /** dockerd's checks of a container that will share another's network. */
    private static void validateSharedNetwork(ContainerConfig requested, HostConfig h) {
        if (!requested.hostname().isEmpty()) {
            throw EngineException.invalidParameter("conflicting options: hostname and the network mode");
        }
        if (!h.portBindings().isEmpty() || h.publishAllPorts()) {
            throw EngineException.invalidParameter("conflicting options: port publishing and the container type network mode");
        }
        if (requested.exposedPorts() != null && !requested.exposedPorts().isEmpty()) {
            throw EngineException.invalidParameter("conflicting options: port exposing and the container type network mode");
        }
    }

    private static void validate(HostConfig h) {
        h.restartPolicy().validate();
        if (h.autoRemove() && !h.restartPolicy().isNone()) {
            throw EngineException.invalidParameter("can't create 'AutoRemove' container with restart policy");
        }
        if (!h.logConfig().type().equals("json-file")) {
            throw EngineException.invalidParameter("logging driver " + h.logConfig().type() + " is not supported");
        }
        ResourceChecks.verify(h.memory(), h.memorySwap(), h.nanoCpus(), h.cpuShares(), h.cpuPeriod(), h.cpuQuota(),
                false, Runtime.getRuntime().availableProcessors());
        Binds.parse(h.binds());
        PortMappings.of(h.portBindings(), h.publishAllPorts(), Map.of());
    }

    /** The container's log options: the daemon's log-opts overridden by the container's own. */
    private HostConfig withMergedLogConfig(HostConfig h) {
        Map<String, String> merged = new LinkedHashMap<>(daemonLogOpts);
        merged.putAll(h.logConfig().config());
        LogOptions.parse(merged);
        return h.withLogConfig(new HostConfig.LogConfig("json-file", merged));
    }

    private LogOptions logOptions(ContainerRecord r) {
        Map<String, String> opts = r.hostConfig().logConfig().config();
        return opts.isEmpty() ? daemonLogOptions : LogOptions.parse(opts);
    }

    /** 64 hex digits whose 12-digit short form is never all decimal (dockerd avoids ids that look like numbers). */
    private String newId() {
        while (true) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit) && index.find(id) == null) {
                return id;
            }
        }
    }

    private String reserveGeneratedName(String id) {
        for (int attempt = 0; ; attempt++) {
            String candidate = names.next(attempt);
            if (index.isNameFree(candidate)) {
                try {
                    index.reserveName(candidate, id);
                    return candidate;
                } catch (EngineException taken) {
                    // lost a race for this name: try another
                }
            }
        }
    }

    private static String hostResolvConf() {
        try {
            String host = Files.readString(Path.of("/etc/resolv.conf"));
            Path upstream = Path.of("/run/systemd/resolve/resolv.conf");
            if (NetworkFiles.onlySystemdStub(host) && Files.exists(upstream)) {
                return Files.readString(upstream);
            }
            return host;
        } catch (IOException e) {
            return "";
        }
    }

    // ---------------------------------------------------------------- start

    /** Starts a created or stopped container; NOT_MODIFIED (304) when it is already running. */
    public void start(String ref) {
        ManagedContainer mc = index.get(ref);
        synchronized (mc) {
            startLocked(mc, true);
        }
    }

    /** Starts the container's process; the caller holds the container's monitor. */
    private void startLocked(ManagedContainer mc, boolean byClient) {
        ContainerRecord r = mc.record();
        switch (r.state().status()) {
            case RUNNING, PAUSED, RESTARTING -> {
                if (byClient && r.state().status() == ContainerStatus.PAUSED) {
                    throw EngineException.conflict("cannot start a paused container, try unpause instead");
                }
                if (byClient) {
                    throw EngineException.notModified();
                }
                if (r.state().status() != ContainerStatus.RESTARTING) {
                    return;
                }
            }
            case REMOVING -> throw EngineException.conflict("container is marked for removal and cannot be started");
            case DEAD -> throw EngineException.conflict("container is marked for removal and cannot be started");
            default -> {
            }
        }
        if (byClient) {
            r = r.withManuallyStopped(false).withRestartCount(0);
            mc.backoff.reset();
        }
        JsonFileLog log = null;
        PublishedPorts published = PublishedPorts.NONE;
        Container process;
        try {
            log = new JsonFileLog(store.logPath(r.id()), logOptions(r));
            NetworkMode network = NetworkMode.of(r.hostConfig().networkMode());
            if (network.publishes()) {
                published = ports.bind(r.id(), r.name(), PortMappings.of(r.hostConfig().portBindings(),
                        r.hostConfig().publishAllPorts(), r.config().exposedPorts()));
            }
            process = runtime.start(specs.forStart(r, joinedNetwork(r, network)));
        } catch (ProcessStartException e) {
            Closeables.closeQuietly(log, published);
            throw startFailed(mc, r, e.exitCode(), START_FAILURE_PREFIX + e.getMessage() + ": unknown",
                    ErrorKind.INVALID_PARAMETER);
        } catch (EngineException e) {
            Closeables.closeQuietly(log, published);
            throw startFailed(mc, r, 128, e.getMessage(), e.kind());
        } catch (IOException | RuntimeException e) {
            Closeables.closeQuietly(log, published);
            throw startFailed(mc, r, 128, "failed to start container: " + e.getMessage(), ErrorKind.SYSTEM);
        }
        Instant now = clock.instant();
        ContainerRun run = new ContainerRun(process, log, published, now);
        ContainerRecord started = r.withState(r.state().running(process.pid(), now));
        try {
            if (published != PublishedPorts.NONE) {
                published.attach(ContainerNetwork.of(process.pid()));
            }
            persist(mc, started);
        } catch (IOException | RuntimeException e) {
            // never leave a process the records do not know about
            killQuietly(process, Signals.SIGKILL);
            published.close();
            throw e instanceof RuntimeException re ? re
                    : EngineException.system("failed to start container: " + e.getMessage(), e);
        }
        mc.run = run;
        mc.pendingRestart = null;
        event(started, "start", Map.of());
        pump(mc, run, process.stdout(), StreamType.STDOUT, LogEntry.STDOUT);
        if (process.stderr() != null) {
            pump(mc, run, process.stderr(), StreamType.STDERR, LogEntry.STDERR);
        }
        process.exit().whenCompleteAsync((status, error) -> onExit(mc, run, status), workers);
    }

    /**
     * The network a start joins: none of its own ({@code null}), the host's, or that of the running
     * container it shares, with dockerd's errors when there is none to share.
     */
    private SpecFactory.Network joinedNetwork(ContainerRecord r, NetworkMode network) {
        if (network.own()) {
            return SpecFactory.Network.OWN;
        }
        if (network.host()) {
            return new SpecFactory.Network(Path.of("/proc/self/ns/net"), null, null);
        }
        ManagedContainer other = index.get(network.container());
        if (other.id.equals(r.id())) {
            throw EngineException.invalidParameter("cannot join own network");
        }
        ContainerRun run = other.run;
        if (run == null || other.status() == ContainerStatus.RESTARTING) {
            throw EngineException.conflict("cannot join network of a non running container: " + network.container());
        }
        return new SpecFactory.Network(Path.of("/proc/" + run.process.pid() + "/ns/net"), other.id,
                other.record().config().hostname());
    }

    /** Records a failed start as dockerd does (exit code and error; the status stays) and applies --rm. */
    private EngineException startFailed(ManagedContainer mc, ContainerRecord r, int exitCode, String message,
                                        ErrorKind kind) {
        ContainerRecord failed = r.withState(r.state().startFailed(exitCode, message));
        if (failed.state().status() == ContainerStatus.RESTARTING) {
            failed = failed.withState(failed.state().withStatus(ContainerStatus.EXITED));
        }
        persist(mc, failed);
        mc.hub.endRun();
        if (failed.state().status() == ContainerStatus.EXITED) {
            mc.notifyStopped();
        }
        if (failed.hostConfig().autoRemove()) {
            workers.execute(() -> removeStopped(mc));
        }
        return new EngineException(kind, message);
    }

    /** Copies one output stream of the process into the log and to attached clients, until it ends. */
    private void pump(ManagedContainer mc, ContainerRun run, InputStream in, StreamType type, String streamName) {
        workers.execute(() -> {
            LogSink sink = new LogSink(mc.id, run.log);
            LineSplitter lines = new LineSplitter(streamName, clock, sink);
            byte[] buf = new byte[32 << 10];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    mc.hub.publish(type, buf, 0, n);
                    lines.write(buf, 0, n);
                    sink.flush();
                }
            } catch (IOException e) {
                // a terminal reports EIO once the last process holding it is gone: that is the end
            } finally {
                lines.finish();
                sink.flush();
                run.outputDone.countDown();
            }
        });
    }

    /**
     * Writes records to a run's log, the records of each read in one append. A failing log (disk full)
     * must not stop the pump, or the container would block on a full pipe: the failure is reported once
     * and the records are dropped.
     */
    private static final class LogSink implements LineSplitter.Sink {
        private final String id;
        private final JsonFileLog log;
        private final List<LogEntry> pending = new ArrayList<>();
        private boolean failed;

        LogSink(String id, JsonFileLog log) {
            this.id = id;
            this.log = log;
        }

        @Override
        public void accept(LogEntry e) {
            pending.add(e);
        }

        void flush() {
            try {
                log.append(pending);
            } catch (IOException ex) {
                if (!failed) {
                    failed = true;
                    LOG.log(System.Logger.Level.ERROR, "container " + id + ": cannot write its log, output is dropped: " + ex);
                }
            } finally {
                pending.clear();
            }
        }
    }

    /** The process ended: drain its output, record the exit, then restart, auto-remove or stay exited. */
    private void onExit(ManagedContainer mc, ContainerRun run, ExitStatus status) {
        try {
            if (!run.outputDone.await(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                Closeables.closeQuietly(run.process.stdout());
                Closeables.closeQuietly(run.process.stderr());
                run.outputDone.await(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Closeables.closeQuietly(run.process.stdin());
        run.log.close();
        run.ports.close();
        int code = status == null ? LOST_EXIT_CODE : status.statusCode();
        boolean restart;
        boolean autoRemove;
        synchronized (mc) {
            ContainerRecord r = mc.record();
            try {
                runtime.teardown(specs.forTeardown(r));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "container " + mc.id + ": teardown failed: " + e);
            }
            Instant now = clock.instant();
            RestartPolicy policy = r.hostConfig().restartPolicy();
            restart = !shuttingDown && policy.shouldRestart(code, r.hasBeenManuallyStopped(), r.restartCount());
            mc.run = null;
            if (restart) {
                ContainerRecord next = r.withState(r.state().exited(ContainerStatus.RESTARTING, code, now))
                        .withRestartCount(r.restartCount() + 1);
                persistQuietly(mc, next);
                Duration delay = mc.backoff.next(Duration.between(run.startedAt, now));
                mc.pendingRestart = timers.schedule(() -> restartByPolicy(mc), delay.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                persistQuietly(mc, r.withState(r.state().exited(ContainerStatus.EXITED, code, now)));
            }
            autoRemove = !restart && r.hostConfig().autoRemove();
        }
        mc.hub.endRun();
        event(mc.record(), "die", Map.of("exitCode", Integer.toString(code)));
        mc.notifyExit(restart);
        if (autoRemove) {
            removeStopped(mc);
        }
        run.exitHandled.complete(null);
    }

    private void restartByPolicy(ManagedContainer mc) {
        synchronized (mc) {
            if (mc.status() != ContainerStatus.RESTARTING || shuttingDown) {
                return;
            }
            try {
                startLocked(mc, false);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "container " + mc.id + ": restart failed: " + e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- stop, kill, restart, pause

    /**
     * Sends the stop signal, waits {@code timeoutSeconds} (the container's StopTimeout when null; negative
     * waits for ever), then kills. NOT_MODIFIED (304) when the container is not running. A stopped container
     * stays down whatever its restart policy.
     */
    public void stop(String ref, Integer timeoutSeconds) {
        ManagedContainer mc = index.get(ref);
        ContainerRun run;
        synchronized (mc) {
            ContainerRecord r = mc.record();
            ContainerStatus s = r.state().status();
            if (s == ContainerStatus.RESTARTING) {
                cancelRestart(mc);
                return;
            }
            if (s != ContainerStatus.RUNNING && s != ContainerStatus.PAUSED) {
                throw EngineException.notModified();
            }
            persist(mc, r.withManuallyStopped(true));
            run = mc.run;
        }
        int timeout = timeoutSeconds != null ? timeoutSeconds : mc.record().config().effectiveStopTimeout();
        stopRun(mc, run, stopSignal(mc.record()), timeout);
        event(mc.record(), "stop", Map.of());
    }

    /** Signal, grace period, SIGKILL; returns once the exit is recorded. */
    private void stopRun(ManagedContainer mc, ContainerRun run, int signal, int timeoutSeconds) {
        signal(mc, run, signal);
        if (!awaitExit(run, timeoutSeconds < 0 ? null : Duration.ofSeconds(timeoutSeconds))) {
            signal(mc, run, Signals.SIGKILL);
            awaitExit(run, null);
        }
    }

    /** Delivers a signal; a frozen container is thawed so that it can act on it. */
    private void signal(ManagedContainer mc, ContainerRun run, int signal) {
        try {
            run.process.kill(signal);
            event(mc.record(), "kill", Map.of("signal", Integer.toString(signal)));
            synchronized (mc) {
                if (mc.status() == ContainerStatus.PAUSED && mc.run == run) {
                    run.process.unpause();
                    persist(mc, mc.record().withState(mc.record().state().withStatus(ContainerStatus.RUNNING)));
                }
            }
        } catch (IOException e) {
            throw EngineException.system("Cannot kill container " + mc.id + ": " + e.getMessage(), e);
        }
    }

    private static boolean awaitExit(ContainerRun run, Duration timeout) {
        try {
            if (timeout == null) {
                run.exitHandled.get();
            } else {
                run.exitHandled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.system("interrupted while waiting for the container to exit");
        } catch (ExecutionException e) {
            throw EngineException.system("container exit handling failed: " + e.getCause(), e.getCause());
        }
    }

    /** Turns a container waiting for a policy restart into a stopped one. Caller holds the monitor. */
    private void cancelRestart(ManagedContainer mc) {
        if (mc.pendingRestart != null) {
            mc.pendingRestart.cancel(false);
            mc.pendingRestart = null;
        }
        ContainerRecord r = mc.record();
        persist(mc, r.withManuallyStopped(true).withState(r.state().withStatus(ContainerStatus.EXITED)));
        mc.notifyStopped();
    }

    /**
     * Sends a signal ({@code HUP}, {@code SIGHUP}, {@code 1}; SIGKILL when null). SIGKILL and the stop
     * signal count as a manual stop; SIGKILL waits for the exit to be recorded, as dockerd does.
     */
    public void kill(String ref, String signalName) {
        int signal = signalName == null || signalName.isEmpty() ? Signals.SIGKILL : Signals.parse(signalName);
        ManagedContainer mc = index.find(ref);
        if (mc == null) {
            throw EngineException.notFound("Cannot kill container: " + ref + ": No such container: " + ref);
        }
        ContainerRun run;
        synchronized (mc) {
            ContainerRecord r = mc.record();
            if (!r.state().status().isActive()) {
                throw EngineException.conflict("Cannot kill container: " + ref + ": Container " + mc.id + " is not running");
            }
            boolean stops = signal == Signals.SIGKILL || signal == stopSignal(r);
            if (r.state().status() == ContainerStatus.RESTARTING) {
                if (stops) {
                    cancelRestart(mc);
                }
                return;
            }
            if (stops) {
                persist(mc, r.withManuallyStopped(true));
            }
            run = mc.run;
            if (!stops) {
                try {
                    run.process.kill(signal);
                    event(r, "kill", Map.of("signal", Integer.toString(signal)));
                } catch (IOException e) {
                    throw EngineException.system("Cannot kill container " + mc.id + ": " + e.getMessage(), e);
                }
                return;
            }
        }
        signal(mc, run, signal);
        if (signal == Signals.SIGKILL) {
            awaitExit(run, KILL_WAIT);
        }
    }

    /** Stops the container if it runs (see {@link #stop}) and starts it again. */
    public void restart(String ref, Integer timeoutSeconds) {
        ManagedContainer mc = index.get(ref);
        try {
            stop(mc.id, timeoutSeconds);
        } catch (EngineException e) {
            if (e.kind() != ErrorKind.NOT_MODIFIED) {
                throw e;
            }
        }
        synchronized (mc) {
            startLocked(mc, true);
        }
        event(mc.record(), "restart", Map.of());
    }

    public void pause(String ref) {
        ManagedContainer mc = index.get(ref);
        synchronized (mc) {
            switch (mc.status()) {
                case PAUSED -> throw EngineException.conflict("Container " + mc.id + " is already paused");
                case RESTARTING -> throw EngineException.conflict("Container " + mc.id
                        + " is restarting, wait until the container is running");
                case RUNNING -> {
                }
                default -> throw EngineException.conflict("Container " + mc.id + " is not running");
            }
            try {
                mc.run.process.pause();
            } catch (IOException e) {
                throw EngineException.system("Cannot pause container " + mc.id + ": " + e.getMessage(), e);
            }
            persist(mc, mc.record().withState(mc.record().state().withStatus(ContainerStatus.PAUSED)));
            event(mc.record(), "pause", Map.of());
        }
    }

    /** dockerd 20.10 answers 500 (not 409) when the container is not paused. */
    public void unpause(String ref) {
        ManagedContainer mc = index.get(ref);
        synchronized (mc) {
            if (mc.status() != ContainerStatus.PAUSED) {
                throw EngineException.system("Container " + mc.id + " is not paused");
            }
            try {
                mc.run.process.unpause();
            } catch (IOException e) {
                throw EngineException.system("Cannot unpause container " + mc.id + ": " + e.getMessage(), e);
            }
            persist(mc, mc.record().withState(mc.record().state().withStatus(ContainerStatus.RUNNING)));
            event(mc.record(), "unpause", Map.of());
        }
    }

    /** Sets the terminal size of a TTY container's process. */
    public void resize(String ref, int rows, int cols) {
        ManagedContainer mc = index.get(ref);
        ContainerRun run;
        synchronized (mc) {
            run = mc.run;
        }
        if (run == null) {
            throw EngineException.conflict("Container " + mc.id + " is not running");
        }
        if (!run.process.hasTerminal()) {
            return;
        }
        try {
            run.process.resize(rows, cols);
        } catch (IOException e) {
            throw EngineException.system("cannot resize container " + mc.id + ": " + e.getMessage(), e);
        }
    }

    private static int stopSignal(ContainerRecord r) {
        return Signals.parse(r.config().effectiveStopSignal());
    }

    // ---------------------------------------------------------------- remove, rename, prune

    /**
     * Removes a container; a running one only with {@code force} (killed first). Waiters for
     * {@code removed} are answered once the files are gone.
     */
    public void remove(String ref, boolean force) {
        ManagedContainer mc = index.get(ref);
        ContainerRun run = null;
        synchronized (mc) {
            ContainerRecord r = mc.record();
            switch (r.state().status()) {
                case REMOVING -> throw EngineException.conflict("removal of container " + ref + " is already in progress");
                case RUNNING -> {
                    if (!force) {
                        throw EngineException.conflict("You cannot remove a running container " + mc.id
                                + ". Stop the container before attempting removal or force remove");
                    }
                }
                case PAUSED -> {
                    if (!force) {
                        throw EngineException.conflict("You cannot remove a paused container " + mc.id
                                + ". Unpause and then stop the container before attempting removal or force remove");
                    }
                }
                case RESTARTING -> {
                    if (!force) {
                        throw EngineException.conflict("You cannot remove a restarting container " + mc.id
                                + ". Stop the container before attempting removal or force remove");
                    }
                    cancelRestart(mc);
                }
                default -> {
                }
            }
            if (mc.run != null) {
                persist(mc, mc.record().withManuallyStopped(true));
                run = mc.run;
            }
        }
        if (run != null) {
            signal(mc, run, Signals.SIGKILL);
            awaitExit(run, null);
        }
        removeStopped(mc);
    }

    /** Deletes a container that has no process. Idempotent (auto-removal and rm -f may race). */
    private void removeStopped(ManagedContainer mc) {
        ContainerRecord r;
        synchronized (mc) {
            r = mc.record();
            ContainerStatus s = r.state().status();
            if (s == ContainerStatus.REMOVING || index.find(mc.id) != mc || mc.run != null) {
                return;
            }
            r = r.withState(r.state().withStatus(ContainerStatus.REMOVING));
            persist(mc, r);
        }
        try {
            runtime.teardown(specs.forTeardown(r));
            store.delete(mc.id);
        } catch (IOException | RuntimeException e) {
            synchronized (mc) {
                persistQuietly(mc, mc.record().withState(mc.record().state().withStatus(ContainerStatus.DEAD)));
            }
            throw EngineException.system("unable to remove filesystem for " + mc.id + ": " + e.getMessage(), e);
        }
        index.remove(mc.id);
        execs.containerRemoved(mc.id);
        images.released(r.lowerDirs());
        event(r, "destroy", Map.of());
        mc.notifyRemoved();
    }

    /** Renames a container; dockerd's texts for an invalid, identical or taken name. */
    public void rename(String ref, String newName) {
        ManagedContainer mc = index.get(ref);
        if (newName == null || newName.isEmpty()) {
            throw EngineException.invalidParameter("Neither old nor new names may be empty");
        }
        String name = ContainerNames.validate(newName);
        synchronized (mc) {
            ContainerRecord r = mc.record();
            if (r.name().equals(name)) {
                throw EngineException.invalidParameter("Renaming a container with the same name as its current name");
            }
            try {
                index.reserveName(name, mc.id);
            } catch (EngineException e) {
                throw new EngineException(e.kind(), "Error when allocating new name: " + e.getMessage());
            }
            try {
                persist(mc, r.withName(name));
            } catch (RuntimeException e) {
                index.releaseName(name, mc.id);
                throw e;
            }
            index.releaseName(r.name(), mc.id);
            event(mc.record(), "rename", Map.of("oldName", "/" + r.name()));
        }
    }

    /** The answer to a prune. */
    public record Pruned(List<String> deleted, long spaceReclaimed) {
    }

    /** Removes every stopped container the filters select ({@code label}, {@code label!}, {@code until}). */
    public Pruned prune(Filters filters) {
        filters.validate(java.util.Set.of("label", "label!", "until"));
        Instant until = filters.get("until").stream().map(v -> FilterTime.parse(v, clock.instant()))
                .max(Instant::compareTo).orElse(null);
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (ManagedContainer mc : index.all()) {
            ContainerRecord r = mc.record();
            ContainerStatus s = r.state().status();
            if (s.isActive() || s == ContainerStatus.REMOVING) {
                continue;
            }
            if (!filters.matchesLabels("label", r.config().labels())
                    || (filters.has("label!") && ContainerQueries.matchesAnyLabel(filters.get("label!"), r.config().labels()))
                    || (until != null && r.created().isAfter(until))) {
                continue;
            }
            long size = store.upperSize(mc.id);
            try {
                removeStopped(mc);
            } catch (EngineException e) {
                LOG.log(System.Logger.Level.WARNING, "prune: " + e.getMessage());
                continue;
            }
            deleted.add(mc.id);
            reclaimed += size;
        }
        return new Pruned(deleted, reclaimed);
    }

    // ---------------------------------------------------------------- update

    /**
     * {@code POST /containers/{id}/update}: verifies the request (400), applies it to the recorded host
     * config (dockerd's 409s for conflicts with it), persists it and, while the container runs or is paused,
     * writes the new limits to its cgroup at once; a failed write restores the previous record. Returns
     * dockerd's warnings (none).
     *
     * @param pidsLimitSupported whether the request's API version has PidsLimit (1.40 and later)
     */
    public List<String> update(String ref, JsonNode body, boolean pidsLimitSupported) {
        ManagedContainer mc = index.get(ref);
        if (body == null) {
            throw EngineException.system("EOF"); // dockerd's decoder on an empty body
        }
        UpdateConfig u = bind(body, UpdateConfig.class).withPidsLimitAsRouted(pidsLimitSupported);
        u.verify(Runtime.getRuntime().availableProcessors());
        String failure = "Cannot update container " + mc.id + ": ";
        synchronized (mc) {
            ContainerRecord r = mc.record();
            ContainerStatus s = r.state().status();
            if (s == ContainerStatus.REMOVING || s == ContainerStatus.DEAD) {
                throw EngineException.system(failure + "container is marked for removal and cannot be \"update\"");
            }
            HostConfig next;
            try {
                next = u.applyTo(r.hostConfig());
            } catch (EngineException e) {
                throw new EngineException(e.kind(), failure + e.getMessage());
            }
            persist(mc, r.withHostConfig(next));
            if (mc.run != null) {
                try {
                    mc.run.process.update(SpecFactory.resources(next));
                } catch (IOException | RuntimeException e) {
                    persistQuietly(mc, mc.record().withHostConfig(r.hostConfig()));
                    throw EngineException.system(failure + e.getMessage(), e);
                }
            }
        }
        event(mc.record(), "update", Map.of());
        return List.of();
    }

    // ---------------------------------------------------------------- wait

    /**
     * Resolves the container now (404 before any answer starts) and returns the future answer. Cancel the
     * future when the client goes away.
     */
    public CompletableFuture<WaitResult> waitFor(String ref, WaitCondition condition) {
        return index.get(ref).addWaiter(condition);
    }

    // ---------------------------------------------------------------- queries

    /**
     * A consistent snapshot of one container, for rendering.
     *
     * @param published the ports its run publishes; null when it is not running or its network publishes nothing
     */
    public record Snapshot(ContainerRecord record, Paths paths, List<PublishedPort> published) {
    }

    /** Where a container's files are. */
    public record Paths(Path dir, Path log, Path hostname, Path hosts, Path resolvConf, Path upper, Path work,
                        Path rootfs) {
    }

    Snapshot snapshot(ManagedContainer mc) {
        String id = mc.id;
        return new Snapshot(mc.record(), new Paths(store.dir(id), store.logPath(id), store.hostnamePath(id),
                store.hostsPath(id), store.resolvConfPath(id), store.upperDir(id), store.workDir(id),
                specs.rootfs(id)), published(mc));
    }

    /** {@code GET /containers/{id}/json}. */
    public Map<String, Object> inspect(String ref, boolean size) {
        ManagedContainer mc = index.get(ref);
        Snapshot s = snapshot(mc);
        Long sizeRw = size ? store.upperSize(mc.id) : null;
        return ContainerViews.inspect(s, sizeRw, execs.liveIds(mc.id));
    }

    /** {@code GET /containers/json}. */
    public List<Map<String, Object>> list(boolean all, int limit, boolean size, Filters filters) {
        ContainerQueries q = new ContainerQueries(filters, ref -> index.get(ref).record(), this::imageIdOf, clock.instant());
        List<ManagedContainer> containers = index.all();
        Map<String, List<PublishedPort>> published = new HashMap<>();
        containers.forEach(mc -> published.put(mc.id, published(mc)));
        List<ContainerRecord> records = containers.stream().map(ManagedContainer::record).toList();
        Instant now = clock.instant();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ContainerRecord r : q.select(records, all || limit > 0, limit)) {
            Long sizeRw = size ? store.upperSize(r.id()) : null;
            // dockerd shows the reference as typed while it still names the container's image, else the id
            String image = r.imageId().equals(imageIdOf(r.config().image())) ? r.config().image() : r.imageId();
            out.add(ContainerViews.listEntry(r, image, sizeRw, now, published.get(r.id())));
        }
        return out;
    }

    /**
     * The ports a container's run publishes; null when it is not running, or when its network is one
     * that publishes nothing (inspect then shows no port at all, as dockerd does).
     */
    private static List<PublishedPort> published(ManagedContainer mc) {
        ContainerRun run = mc.run;
        if (run == null || !NetworkMode.of(mc.record().hostConfig().networkMode()).publishes()) {
            return null;
        }
        return run.ports.ports();
    }

    private String imageIdOf(String reference) {
        return images.idOf(reference).orElse(null);
    }

    /** A running container's process and settings, for exec, stats, cp and export. */
    public record Running(String id, ContainerConfig config, Container process) {
    }

    /**
     * The running process of a container, with dockerd's 409 texts when there is none (the ones
     * {@code docker exec} shows).
     */
    public Running running(String ref) {
        ManagedContainer mc = index.get(ref);
        ContainerRun run = mc.run;
        if (mc.status() == ContainerStatus.PAUSED) {
            throw EngineException.conflict("Container " + mc.id + " is paused, unpause the container before exec");
        }
        if (run == null) {
            throw EngineException.conflict("Container " + mc.id + " is not running");
        }
        return new Running(mc.id, mc.record().config(), run.process);
    }

    /**
     * What the stats endpoint samples: the container's name as dockerd writes it ("/name") and a reader of
     * its usage while it runs or is paused (null while created, restarting or exited).
     */
    public record StatsTarget(String id, String name, UsageReader usage) {
        /** One reading of the container's cgroup and network counters. */
        @FunctionalInterface
        public interface UsageReader {
            ContainerStats read() throws IOException;
        }
    }

    /** The container's stats target now; 404 once it does not exist (any more). */
    public StatsTarget statsTarget(String ref) {
        ManagedContainer mc = index.get(ref);
        synchronized (mc) {
            return new StatsTarget(mc.id, "/" + mc.record().name(), mc.run == null ? null : mc.run.process::stats);
        }
    }

    /**
     * A container's files as the daemon reaches them for cp, export, diff and commit: the merged root
     * mounted in the daemon's namespace (the runtime's mount while the container runs, one made for the
     * duration of the task otherwise), the bind mounts seen inside the container (hostname, hosts,
     * resolv.conf, volumes), the writable layer and the image layers.
     */
    public record Filesystem(ContainerRecord record, Path rootfs, List<BindMount> mounts, Path upper,
                             List<Path> lowerDirs) {
    }

    /** What runs with a container's files mounted. */
    @FunctionalInterface
    public interface FilesystemTask<T> {
        T run(Filesystem fs) throws IOException;
    }

    /**
     * Runs {@code task} with the container's root mounted (404 for an unknown container). A root this
     * call mounted is unmounted when the last such task ends, unless the container started meanwhile.
     */
    public <T> T withFilesystem(String ref, FilesystemTask<T> task) throws IOException {
        ManagedContainer mc = index.get(ref);
        ContainerRecord r;
        ContainerSpec spec;
        synchronized (mc) {
            r = mc.record();
            spec = specs.forFiles(r);
            runtime.mountRootfs(spec);
            mc.fileTasks++;
        }
        try {
            return task.run(new Filesystem(r, spec.rootfs(), spec.mounts(), spec.upperDir(), spec.lowerDirs()));
        } finally {
            synchronized (mc) {
                if (--mc.fileTasks == 0 && mc.run == null && mc.status() != ContainerStatus.REMOVING) {
                    runtime.teardown(spec);
                }
            }
        }
    }

    /**
     * Resolves a user ({@code name}, {@code uid}, {@code uid:gid}, {@code name:group}; empty for the
     * container's own) through the container's /etc/passwd and /etc/group, for an exec.
     */
    public ExecUser user(String ref, String user) {
        ManagedContainer mc = index.get(ref);
        ContainerRecord r = mc.record();
        try {
            return specs.user(r, user == null || user.isEmpty() ? r.config().user() : user);
        } catch (IOException e) {
            throw EngineException.system("cannot read the users of container " + mc.id + ": " + e.getMessage(), e);
        }
    }

    /** Publishes an event about a container (exec_create, exec_start, exec_die) with its usual attributes. */
    public void announce(String ref, String action, Map<String, String> extra) {
        event(index.get(ref).record(), action, extra);
    }

    /** {@code GET /containers/{id}/top}: the container's processes, as {@code ps} shows them. */
    public Map<String, Object> top(String ref, String psArgs) {
        ManagedContainer mc = index.get(ref);
        ContainerRun run;
        synchronized (mc) {
            run = mc.run;
        }
        if (run == null) {
            throw EngineException.conflict("Container " + mc.id + " is not running");
        }
        try {
            return processes.top(run.process.pid(), psArgs);
        } catch (IOException e) {
            throw EngineException.system("Error running ps: " + e.getMessage(), e);
        }
    }

    /** Container totals for {@code /info}. */
    public ContainerCounts counts() {
        int running = 0;
        int paused = 0;
        int stopped = 0;
        for (ManagedContainer mc : index.all()) {
            switch (mc.status()) {
                case RUNNING, RESTARTING -> running++;
                case PAUSED -> paused++;
                default -> stopped++;
            }
        }
        return new ContainerCounts(running + paused + stopped, running, paused, stopped);
    }

    /** Whether any container (in any state) was created from this image id, for the image store's rmi checks. */
    /** The layer directories every container stacks on. */
    public Set<Path> lowerDirsInUse() {
        Set<Path> dirs = new HashSet<>();
        for (ManagedContainer mc : index.all()) {
            mc.record().lowerDirs().forEach(d -> dirs.add(Path.of(d)));
        }
        return dirs;
    }

    public List<String> containersUsingImage(String imageId) {
        return index.all().stream().map(ManagedContainer::record).filter(r -> r.imageId().equals(imageId))
                .map(ContainerRecord::id).toList();
    }

    // ---------------------------------------------------------------- logs and attach

    /** Resolves a container for {@code logs} (404 before anything is sent). */
    public Stdio stdio(String ref) {
        return new Stdio(this, index.get(ref));
    }

    /**
     * Resolves a container for {@code attach} (404 before the upgrade; dockerd's 409 for a paused or
     * restarting one, naming it as the client did) and announces the attach. A created or stopped
     * container may be attached to: {@code start -ai} attaches before it starts.
     */
    public Stdio attach(String ref) {
        ManagedContainer mc = index.get(ref);
        switch (mc.status()) {
            case PAUSED -> throw EngineException.conflict("container " + ref + " is paused, unpause the container before attach");
            case RESTARTING -> throw EngineException.conflict("container " + ref
                    + " is restarting, wait until the container is running");
            default -> {
            }
        }
        event(mc.record(), "attach", Map.of());
        return new Stdio(this, mc);
    }

    JsonFileLog liveLog(ManagedContainer mc) {
        synchronized (mc) {
            return mc.run == null ? null : mc.run.log;
        }
    }

    int maxLogFiles(ContainerRecord r) {
        return logOptions(r).maxFile();
    }

    Path logPath(String id) {
        return store.logPath(id);
    }

    /** The stdin of the current run, waiting up to {@code millis} for one to start; null if none by then. */
    OutputStream awaitStdin(ManagedContainer mc, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            synchronized (mc) {
                if (mc.run != null) {
                    return mc.run.process.stdin();
                }
            }
            if (System.currentTimeMillis() >= deadline) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Publishes a container event with dockerd's attributes: the labels, image and name, plus {@code extra}. */
    private void event(ContainerRecord r, String action, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(r.config().labels());
        attributes.put("image", r.config().image());
        attributes.put("name", r.name());
        attributes.putAll(extra);
        events.publish(Event.now("container", action, r.id(), attributes));
    }

    private void persist(ManagedContainer mc, ContainerRecord next) {
        synchronized (mc) {
            try {
                store.save(next);
            } catch (IOException e) {
                throw EngineException.system("cannot save the state of container " + mc.id + ": " + e.getMessage(), e);
            }
            mc.transition(next);
        }
    }

    private void persistQuietly(ManagedContainer mc, ContainerRecord next) {
        try {
            persist(mc, next);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            synchronized (mc) {
                mc.transition(next);
            }
        }
    }


    private static void killQuietly(Container c, int signal) {
        try {
            c.kill(signal);
        } catch (IOException ignored) {
            // already gone
        }
    }
}
