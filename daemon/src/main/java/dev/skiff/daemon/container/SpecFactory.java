package dev.skiff.daemon.container;

import dev.skiff.runtime.BindMount;
import dev.skiff.runtime.ContainerSpec;
import dev.skiff.runtime.ProcessSpec;
import dev.skiff.runtime.Resources;
import dev.skiff.runtime.layer.MergedLayers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the runtime's {@link ContainerSpec} from a container record. */
final class SpecFactory {
    static final String CGROUP_PARENT = "skiff";

    private final ContainerStore store;
    private final Path execRoot;

    SpecFactory(ContainerStore store, Path execRoot) {
        this.store = store;
        this.execRoot = execRoot;
    }

    Path rootfs(String id) {
        return execRoot.resolve("containers").resolve(id).resolve("rootfs");
    }

    /**
     * The spec for starting: the user is resolved against the container's own passwd and group files,
     * missing bind sources are created (as dockerd does for {@code -v}).
     */
    ContainerSpec forStart(ContainerRecord r, Network network) throws IOException {
        ExecUser user = user(r, r.config().user());
        List<BindMount> binds = Binds.parse(r.hostConfig().binds());
        for (BindMount b : binds) {
            Path source = Path.of(b.source());
            if (!Files.exists(source)) {
                Files.createDirectories(source);
            }
        }
        return spec(r, user, binds, network);
    }

    /**
     * The network a container runs in.
     *
     * @param namespace the namespace to join; null for one of its own
     * @param filesOf   the container whose hostname, hosts and resolv.conf files it sees
     * @param hostname  its hostname; null for its own
     */
    record Network(Path namespace, String filesOf, String hostname) {
        static final Network OWN = new Network(null, null, null);
    }

    /** A spec for reaching the container's files (cp, export, commit): its mounts, nothing created. */
    ContainerSpec forFiles(ContainerRecord r) {
        return spec(r, ExecUser.ROOT, Binds.parse(r.hostConfig().binds()), Network.OWN);
    }

    /** Resolves a User setting through the container's own passwd and group files (its layers). */
    ExecUser user(ContainerRecord r, String spec) throws IOException {
        List<Path> layers = new ArrayList<>();
        layers.add(store.upperDir(r.id()));
        r.lowerDirs().forEach(d -> layers.add(Path.of(d)));
        MergedLayers merged = new MergedLayers(layers);
        return ExecUser.resolve(spec, readText(merged, "/etc/passwd"), readText(merged, "/etc/group"));
    }

    /** A regular file's text as the container's layers show it, or null when they show none there. */
    private static String readText(MergedLayers layers, String path) throws IOException {
        Optional<Path> p = layers.lookup(path);
        if (p.isEmpty() || !Files.isRegularFile(p.get(), LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return Files.readString(p.get(), StandardCharsets.UTF_8);
    }

    /** A spec good enough for {@code teardown} (which needs only ids and paths). */
    ContainerSpec forTeardown(ContainerRecord r) {
        return spec(r, ExecUser.ROOT, List.of(), Network.OWN);
    }

    private ContainerSpec spec(ContainerRecord r, ExecUser user, List<BindMount> binds, Network network) {
        ContainerConfig c = r.config();
        HostConfig h = r.hostConfig();
        String filesOf = network.filesOf() == null ? r.id() : network.filesOf();
        String hostname = network.hostname() == null ? c.hostname() : network.hostname();
        List<BindMount> mounts = new ArrayList<>();
        mounts.add(new BindMount(store.hostnamePath(filesOf).toString(), "/etc/hostname", false));
        mounts.add(new BindMount(store.hostsPath(filesOf).toString(), "/etc/hosts", false));
        mounts.add(new BindMount(store.resolvConfPath(filesOf).toString(), "/etc/resolv.conf", false));
        mounts.addAll(binds);
        List<String> argv = new ArrayList<>();
        argv.add(r.path());
        argv.addAll(r.args());
        int rows = h.consoleSize().get(0);
        int cols = h.consoleSize().get(1);
        ProcessSpec process = new ProcessSpec(argv,
                ProcessEnv.build(c.env(), hostname, c.tty(), user.home()),
                c.workingDir().isEmpty() ? "/" : c.workingDir(),
                user.uid(), user.gid(), user.additionalGids(), c.tty(),
                c.tty() && rows > 0 && cols > 0 ? new ProcessSpec.ConsoleSize(rows, cols) : null,
                c.openStdin());
        return new ContainerSpec(r.id(), hostname, c.domainname(),
                r.lowerDirs().stream().map(Path::of).toList(),
                store.upperDir(r.id()), store.workDir(r.id()), rootfs(r.id()), mounts, process,
                resources(h), CGROUP_PARENT, network.namespace());
    }

    /**
     * The cgroup limits of a host config. Negative values mean "unlimited" to the kernel as to runc: a pids
     * limit of 0 or below is none, a negative memory is no limit, a negative swap or quota is unlimited.
     * NanoCpus, when set, decides the CFS quota and period alone (dockerd's order).
     */
    static Resources resources(HostConfig h) {
        long pids = h.pidsLimit() == null || h.pidsLimit() <= 0 ? 0 : h.pidsLimit();
        boolean nano = h.nanoCpus() > 0;
        return new Resources(Math.max(0, h.memory()), Math.max(-1, h.memorySwap()), h.nanoCpus(), pids,
                h.cpuShares(), nano ? 0 : Math.max(-1, h.cpuQuota()), nano ? 0 : h.cpuPeriod());
    }
}
