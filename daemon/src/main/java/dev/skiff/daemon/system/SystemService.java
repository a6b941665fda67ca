package dev.skiff.daemon.system;

import dev.skiff.daemon.config.DaemonConfig;
import dev.skiff.daemon.http.ApiVersion;
import dev.skiff.daemon.http.SkiffVersion;
import dev.skiff.daemon.time.GoTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** What /version and /info report: host facts, configuration and live counts. */
public final class SystemService {
    /** Loopback is always insecure, as in dockerd. */
    private static final String DEFAULT_INSECURE_CIDR = "127.0.0.0/8";

    private final HostInfo host;
    private final DaemonConfig config;
    private final String engineId;
    private final String cgroupVersion;
    private final IntSupplier imageCount;
    private final Supplier<ContainerCounts> containerCounts;
    private final IntSupplier eventListeners;
    private final String buildTime = Instant.now().toString();

    public SystemService(HostInfo host, DaemonConfig config, String engineId, String cgroupVersion,
                         IntSupplier imageCount, Supplier<ContainerCounts> containerCounts,
                         IntSupplier eventListeners) {
        this.host = host;
        this.config = config;
        this.engineId = engineId;
        this.cgroupVersion = cgroupVersion;
        this.imageCount = imageCount;
        this.containerCounts = containerCounts;
        this.eventListeners = eventListeners;
    }

    public Map<String, Object> version() {
        String javaVersion = "java" + System.getProperty("java.version");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ApiVersion", ApiVersion.CURRENT);
        details.put("Arch", host.goArch());
        details.put("BuildTime", buildTime);
        details.put("Experimental", "false");
        details.put("GitCommit", "");
        details.put("GoVersion", javaVersion);
        details.put("KernelVersion", host.kernelVersion());
        details.put("MinAPIVersion", ApiVersion.MINIMUM);
        details.put("Os", "linux");
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("Name", "Engine");
        engine.put("Version", SkiffVersion.VERSION);
        engine.put("Details", details);

        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Platform", Map.of("Name", "skiff"));
        v.put("Components", List.of(engine));
        v.put("Version", SkiffVersion.VERSION);
        v.put("ApiVersion", ApiVersion.CURRENT);
        v.put("MinAPIVersion", ApiVersion.MINIMUM);
        v.put("GitCommit", "");
        v.put("GoVersion", javaVersion);
        v.put("Os", "linux");
        v.put("Arch", host.goArch());
        v.put("KernelVersion", host.kernelVersion());
        v.put("BuildTime", buildTime);
        return v;
    }

    public Map<String, Object> info() {
        ContainerCounts c = containerCounts.get();
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("ID", engineId);
        i.put("Containers", c.total());
        i.put("ContainersRunning", c.running());
        i.put("ContainersPaused", c.paused());
        i.put("ContainersStopped", c.stopped());
        i.put("Images", imageCount.getAsInt());
        i.put("Driver", "overlay2");
        i.put("DriverStatus", List.of(
                List.of("Backing Filesystem", host.backingFilesystem()),
                List.of("Supports d_type", "true"),
                List.of("Native Overlay Diff", "true"),
                List.of("userxattr", "false")));
        Map<String, Object> plugins = new LinkedHashMap<>();
        plugins.put("Volume", List.of("local"));
        plugins.put("Network", List.of("host", "none"));
        plugins.put("Authorization", null);
        plugins.put("Log", List.of("json-file"));
        i.put("Plugins", plugins);
        i.put("MemoryLimit", true);
        i.put("SwapLimit", false);
        i.put("CpuCfsPeriod", true);
        i.put("CpuCfsQuota", true);
        i.put("CPUShares", true);
        i.put("CPUSet", false);
        i.put("PidsLimit", false);
        i.put("IPv4Forwarding", false);
        i.put("Debug", "debug".equals(config.logLevel()));
        i.put("NFd", openFileDescriptors());
        i.put("OomKillDisable", false);
        i.put("NGoroutines", Thread.activeCount());
        i.put("SystemTime", GoTime.rfc3339Nano(Instant.now()));
        i.put("LoggingDriver", "json-file");
        i.put("CgroupDriver", "cgroupfs");
        i.put("CgroupVersion", cgroupVersion);
        i.put("NEventsListener", eventListeners.getAsInt());
        i.put("KernelVersion", host.kernelVersion());
        i.put("OperatingSystem", host.operatingSystem());
        i.put("OSVersion", host.osVersion());
        i.put("OSType", "linux");
        i.put("Architecture", host.machine());
        i.put("IndexServerAddress", "https://index.docker.io/v1/");
        i.put("RegistryConfig", registryConfig());
        i.put("NCPU", host.ncpu());
        i.put("MemTotal", host.memTotal());
        i.put("GenericResources", null);
        i.put("DockerRootDir", config.dataRoot().toString());
        i.put("HttpProxy", "");
        i.put("HttpsProxy", "");
        i.put("NoProxy", "");
        i.put("Name", host.hostname());
        i.put("Labels", List.of());
        i.put("ExperimentalBuild", false);
        i.put("ServerVersion", SkiffVersion.VERSION);
        i.put("Runtimes", Map.of("skiff", Map.of("path", "skiff-init")));
        i.put("DefaultRuntime", "skiff");
        Map<String, Object> swarm = new LinkedHashMap<>();
        swarm.put("NodeID", "");
        swarm.put("NodeAddr", "");
        swarm.put("LocalNodeState", "inactive");
        swarm.put("ControlAvailable", false);
        swarm.put("Error", "");
        swarm.put("RemoteManagers", null);
        i.put("Swarm", swarm);
        i.put("LiveRestoreEnabled", false);
        i.put("Isolation", "");
        i.put("InitBinary", "");
        i.put("SecurityOptions", List.of());
        i.put("Warnings", List.of());
        return i;
    }

    /** RegistryConfig as dockerd renders it: mirrors with a trailing slash, loopback always insecure. */
    Map<String, Object> registryConfig() {
        List<String> mirrors = config.registryMirrors().stream().map(SystemService::withSlash).toList();
        List<String> cidrs = new ArrayList<>();
        Map<String, Object> indexes = new LinkedHashMap<>();
        for (String r : config.insecureRegistries()) {
            if (r.contains("/")) {
                cidrs.add(r);
            } else {
                indexes.put(r, index(r, List.of(), false, false));
            }
        }
        cidrs.add(DEFAULT_INSECURE_CIDR);
        indexes.put("docker.io", index("docker.io", mirrors, true, true));
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("AllowNondistributableArtifactsCIDRs", List.of());
        rc.put("AllowNondistributableArtifactsHostnames", List.of());
        rc.put("InsecureRegistryCIDRs", cidrs);
        rc.put("IndexConfigs", indexes);
        rc.put("Mirrors", mirrors);
        return rc;
    }

    private static Map<String, Object> index(String name, List<String> mirrors, boolean secure, boolean official) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", name);
        m.put("Mirrors", mirrors);
        m.put("Secure", secure);
        m.put("Official", official);
        return m;
    }

    static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static int openFileDescriptors() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }
}
