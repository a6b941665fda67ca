package dev.skiff.daemon.container;

import dev.skiff.daemon.network.PublishedPort;
import dev.skiff.daemon.time.GoTime;
import dev.skiff.runtime.BindMount;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON documents of {@code GET /containers/json} and {@code GET /containers/{id}/json}, field for
 * field in dockerd 20.10's order. Host settings skiff does not implement are shown with dockerd's
 * defaults; there is no container networking yet, so the network sections are empty.
 */
final class ContainerViews {
    private ContainerViews() {
    }

    /**
     * @param image what the IMAGE column shows: the reference as typed, or the image id once the
     *              reference names another image
     */
    static Map<String, Object> listEntry(ContainerRecord r, String image, Long sizeRw, Instant now,
                                         List<PublishedPort> published) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("Names", List.of("/" + r.name()));
        m.put("Image", image);
        m.put("ImageID", r.imageId());
        m.put("Command", CommandLine.command(r.path(), r.args()));
        m.put("Created", r.created().getEpochSecond());
        m.put("Ports", listedPorts(r, published));
        if (sizeRw != null) {
            if (sizeRw > 0) {
                m.put("SizeRw", sizeRw);
            }
            m.put("SizeRootFs", sizeRw + r.imageSize());
        }
        m.put("Labels", r.config().labels());
        m.put("State", r.state().status().apiName());
        m.put("Status", StatusText.of(r.state(), now));
        m.put("HostConfig", Map.of("NetworkMode", r.hostConfig().networkMode()));
        m.put("NetworkSettings", Map.of("Networks", Map.of()));
        m.put("Mounts", mounts(r));
        return m;
    }

    static Map<String, Object> inspect(ContainerService.Snapshot snap, Long sizeRw, List<String> execIds) {
        ContainerRecord r = snap.record();
        ContainerService.Paths p = snap.paths();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("Created", GoTime.rfc3339Nano(r.created()));
        m.put("Path", r.path());
        m.put("Args", r.args());
        m.put("State", state(r.state()));
        m.put("Image", r.imageId());
        m.put("ResolvConfPath", p.resolvConf().toString());
        m.put("HostnamePath", p.hostname().toString());
        m.put("HostsPath", p.hosts().toString());
        m.put("LogPath", p.log().toString());
        m.put("Name", "/" + r.name());
        m.put("RestartCount", r.restartCount());
        m.put("Driver", "overlay2");
        m.put("Platform", "linux");
        m.put("MountLabel", "");
        m.put("ProcessLabel", "");
        m.put("AppArmorProfile", "");
        m.put("ExecIDs", execIds.isEmpty() ? null : execIds);
        m.put("HostConfig", hostConfig(r.hostConfig()));
        Map<String, Object> graphData = new LinkedHashMap<>();
        graphData.put("LowerDir", String.join(":", r.lowerDirs()));
        graphData.put("MergedDir", p.rootfs().toString());
        graphData.put("UpperDir", p.upper().toString());
        graphData.put("WorkDir", p.work().toString());
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("Data", graphData);
        graph.put("Name", "overlay2");
        m.put("GraphDriver", graph);
        if (sizeRw != null) {
            m.put("SizeRw", sizeRw);
            m.put("SizeRootFs", sizeRw + r.imageSize());
        }
        m.put("Mounts", mounts(r));
        m.put("Config", config(r.config()));
        m.put("NetworkSettings", networkSettings(r, snap.published()));
        return m;
    }

    private static Map<String, Object> state(ContainerState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        ContainerStatus st = s.status();
        m.put("Status", st.apiName());
        m.put("Running", st.isActive());
        m.put("Paused", st == ContainerStatus.PAUSED);
        m.put("Restarting", st == ContainerStatus.RESTARTING);
        m.put("OOMKilled", s.oOMKilled());
        m.put("Dead", st == ContainerStatus.DEAD);
        m.put("Pid", s.pid());
        m.put("ExitCode", s.exitCode());
        m.put("Error", s.error());
        m.put("StartedAt", GoTime.rfc3339Nano(s.startedAt()));
        m.put("FinishedAt", GoTime.rfc3339Nano(s.finishedAt()));
        return m;
    }

    private static Map<String, Object> config(ContainerConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Hostname", c.hostname());
        m.put("Domainname", c.domainname());
        m.put("User", c.user());
        m.put("AttachStdin", c.attachStdin());
        m.put("AttachStdout", c.attachStdout());
        m.put("AttachStderr", c.attachStderr());
        if (c.exposedPorts() != null && !c.exposedPorts().isEmpty()) {
            m.put("ExposedPorts", c.exposedPorts());
        }
        m.put("Tty", c.tty());
        m.put("OpenStdin", c.openStdin());
        m.put("StdinOnce", c.stdinOnce());
        m.put("Env", c.env());
        m.put("Cmd", c.cmd());
        m.put("Image", c.image());
        m.put("Volumes", c.volumes());
        m.put("WorkingDir", c.workingDir());
        m.put("Entrypoint", c.entrypoint());
        m.put("OnBuild", c.onBuild());
        m.put("Labels", c.labels());
        if (c.stopSignal() != null && !c.stopSignal().isEmpty()) {
            m.put("StopSignal", c.stopSignal());
        }
        if (c.stopTimeout() != null) {
            m.put("StopTimeout", c.stopTimeout());
        }
        return m;
    }

    /** dockerd's full HostConfig: skiff's settings, dockerd's defaults for what skiff does not implement. */
    private static Map<String, Object> hostConfig(HostConfig h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Binds", h.binds());
        m.put("ContainerIDFile", "");
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("Type", h.logConfig().type());
        log.put("Config", h.logConfig().config());
        m.put("LogConfig", log);
        m.put("NetworkMode", h.networkMode());
        m.put("PortBindings", h.portBindings());
        Map<String, Object> restart = new LinkedHashMap<>();
        restart.put("Name", h.restartPolicy().name());
        restart.put("MaximumRetryCount", h.restartPolicy().maximumRetryCount());
        m.put("RestartPolicy", restart);
        m.put("AutoRemove", h.autoRemove());
        m.put("VolumeDriver", "");
        m.put("VolumesFrom", null);
        m.put("CapAdd", null);
        m.put("CapDrop", null);
        m.put("CgroupnsMode", "host");
        m.put("Dns", List.of());
        m.put("DnsOptions", List.of());
        m.put("DnsSearch", List.of());
        m.put("ExtraHosts", null);
        m.put("GroupAdd", null);
        m.put("IpcMode", "private");
        m.put("Cgroup", "");
        m.put("Links", null);
        m.put("OomScoreAdj", 0);
        m.put("PidMode", "");
        m.put("Privileged", false);
        m.put("PublishAllPorts", false);
        m.put("ReadonlyRootfs", false);
        m.put("SecurityOpt", null);
        m.put("UTSMode", "");
        m.put("UsernsMode", "");
        m.put("ShmSize", 67108864);
        m.put("Runtime", "skiff");
        m.put("ConsoleSize", h.consoleSize());
        m.put("Isolation", "");
        m.put("CpuShares", h.cpuShares());
        m.put("Memory", h.memory());
        m.put("NanoCpus", h.nanoCpus());
        m.put("CgroupParent", "");
        m.put("BlkioWeight", 0);
        m.put("BlkioWeightDevice", List.of());
        m.put("BlkioDeviceReadBps", List.of());
        m.put("BlkioDeviceWriteBps", List.of());
        m.put("BlkioDeviceReadIOps", List.of());
        m.put("BlkioDeviceWriteIOps", List.of());
        m.put("CpuPeriod", h.cpuPeriod());
        m.put("CpuQuota", h.cpuQuota());
        m.put("CpuRealtimePeriod", 0);
        m.put("CpuRealtimeRuntime", 0);
        m.put("CpusetCpus", "");
        m.put("CpusetMems", "");
        m.put("Devices", List.of());
        m.put("DeviceCgroupRules", null);
        m.put("DeviceRequests", null);
        m.put("KernelMemory", 0);
        m.put("KernelMemoryTCP", 0);
        m.put("MemoryReservation", 0);
        m.put("MemorySwap", h.memorySwap());
        m.put("MemorySwappiness", null);
        m.put("OomKillDisable", false);
        m.put("PidsLimit", h.pidsLimit());
        m.put("Ulimits", List.of());
        m.put("CpuCount", 0);
        m.put("CpuPercent", 0);
        m.put("IOMaximumIOps", 0);
        m.put("IOMaximumBandwidth", 0);
        m.put("MaskedPaths", null);
        m.put("ReadonlyPaths", null);
        return m;
    }

    private static List<Map<String, Object>> mounts(ContainerRecord r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BindMount b : Binds.parse(r.hostConfig().binds())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", "bind");
            m.put("Source", b.source());
            m.put("Destination", b.destination());
            m.put("Mode", b.readOnly() ? "ro" : "");
            m.put("RW", !b.readOnly());
            m.put("Propagation", "rprivate");
            out.add(m);
        }
        return out;
    }

    /**
     * A running container's ports as ps lists them: each published one, then each exposed one that is
     * not; a container that is not running lists none.
     */
    private static List<Map<String, Object>> listedPorts(ContainerRecord r, List<PublishedPort> published) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (published == null) {
            return out;
        }
        Set<String> publishedKeys = new HashSet<>();
        for (PublishedPort p : published) {
            publishedKeys.add(p.containerPort() + "/" + p.protocol());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("IP", p.hostIp());
            e.put("PrivatePort", p.containerPort());
            e.put("PublicPort", p.hostPort());
            e.put("Type", p.protocol());
            out.add(e);
        }
        for (String key : exposed(r)) {
            if (!publishedKeys.contains(key)) {
                int slash = key.indexOf('/');
                out.add(Map.of("PrivatePort", Integer.parseInt(key.substring(0, slash)), "Type", key.substring(slash + 1)));
            }
        }
        return out;
    }

    /** NetworkSettings.Ports of a running container: every exposed or published port, null when not published. */
    private static Map<String, Object> inspectedPorts(ContainerRecord r, List<PublishedPort> published) {
        Map<String, Object> ports = new TreeMap<>();
        if (published == null) {
            return ports;
        }
        for (String key : exposed(r)) {
            ports.put(key, null);
        }
        for (PublishedPort p : published) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> bindings = (List<Map<String, String>>) ports.computeIfAbsent(
                    p.containerPort() + "/" + p.protocol(), k -> new ArrayList<Map<String, String>>());
            Map<String, String> b = new LinkedHashMap<>();
            b.put("HostIp", p.hostIp());
            b.put("HostPort", Integer.toString(p.hostPort()));
            bindings.add(b);
        }
        return ports;
    }

    private static Set<String> exposed(ContainerRecord r) {
        Map<String, Object> exposed = r.config().exposedPorts();
        Set<String> keys = new TreeSet<>();
        if (exposed != null) {
            for (String k : exposed.keySet()) {
                keys.add(k.contains("/") ? k : k + "/tcp");
            }
        }
        return keys;
    }

    private static Map<String, Object> networkSettings(ContainerRecord r, List<PublishedPort> published) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Bridge", "");
        m.put("SandboxID", "");
        m.put("HairpinMode", false);
        m.put("LinkLocalIPv6Address", "");
        m.put("LinkLocalIPv6PrefixLen", 0);
        m.put("Ports", inspectedPorts(r, published));
        m.put("SandboxKey", "");
        m.put("SecondaryIPAddresses", null);
        m.put("SecondaryIPv6Addresses", null);
        m.put("EndpointID", "");
        m.put("Gateway", "");
        m.put("GlobalIPv6Address", "");
        m.put("GlobalIPv6PrefixLen", 0);
        m.put("IPAddress", "");
        m.put("IPPrefixLen", 0);
        m.put("IPv6Gateway", "");
        m.put("MacAddress", "");
        m.put("Networks", Map.of());
        return m;
    }
}
