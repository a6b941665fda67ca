package dev.skiff.runtime.cgroup;

import dev.skiff.runtime.Resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** cgroup v2: one directory under the unified root; controllers are enabled down the path. */
final class CgroupV2Driver implements CgroupDriver {
    private static final List<String> CONTROLLERS = List.of("cpu", "memory", "pids");

    private final Path root;

    CgroupV2Driver(Path root) {
        this.root = root;
    }

    @Override
    public ContainerCgroup create(String path, Resources resources) throws IOException {
        Path dir = root;
        for (Path part : Path.of(path)) {
            enableControllers(dir);
            dir = dir.resolve(part.toString());
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another container created the shared parent first
                }
            }
        }
        apply(dir, resources, false);
        return new V2Cgroup(path, dir);
    }

    /** Enables in {@code dir}'s children whichever of our controllers {@code dir} has. */
    private static void enableControllers(Path dir) throws IOException {
        List<String> available = List.of(CgroupFiles.read(dir.resolve("cgroup.controllers")).split(" "));
        StringBuilder change = new StringBuilder();
        for (String c : CONTROLLERS) {
            if (available.contains(c)) {
                change.append(change.length() == 0 ? "" : " ").append('+').append(c);
            }
        }
        if (change.length() > 0) {
            CgroupFiles.write(dir.resolve("cgroup.subtree_control"), change.toString());
        }
    }

    /** @param lift whether unset limits are written as unlimited (an update), or left alone (a new group) */
    private static void apply(Path dir, Resources resources, boolean lift) throws IOException {
        if (resources.memoryBytes() > 0) {
            MemoryLimit limit = MemoryLimit.of(resources);
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limit.memoryBytes()));
            Path swap = dir.resolve("memory.swap.max");
            if (Files.exists(swap)) {
                CgroupFiles.write(swap, limit.swapMax());
            }
        }
        if (resources.pidsLimit() > 0 || lift && Files.exists(dir.resolve("pids.max"))) {
            CgroupFiles.write(dir.resolve("pids.max"),
                    resources.pidsLimit() > 0 ? Long.toString(resources.pidsLimit()) : "max");
        }
        if (resources.cpuShares() > 0) {
            CgroupFiles.write(dir.resolve("cpu.weight"), Long.toString(CpuQuota.weightOfShares(resources.cpuShares())));
        }
        CpuQuota quota = CpuQuota.of(resources);
        if (quota != null) {
            CgroupFiles.write(dir.resolve("cpu.max"), quota.cpuMax());
        }
    }

    @Override
    public ContainerCgroup open(String path) {
        return new V2Cgroup(path, root.resolve(path));
    }

    @Override
    public void remove(String path) throws IOException {
        Path dir = root.resolve(path);
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path kill = dir.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            CgroupFiles.write(kill, "1"); // kills frozen tasks too
        } else {
            new V2Cgroup(path, dir).thaw();
            CgroupFiles.killAll(CgroupFiles.pids(dir.resolve("cgroup.procs")));
        }
        CgroupFiles.removeDirectory(dir);
    }

    private static final class V2Cgroup implements ContainerCgroup {
        private final String path;
        private final Path dir;

        V2Cgroup(String path, Path dir) {
            this.path = path;
            this.dir = dir;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public boolean placesThreads() {
            return false;
        }

        @Override
        public boolean controlsDevices() {
            return false; // v2 needs an eBPF device program, which the runtime does not load yet
        }

        @Override
        public void placeCurrentThread() {
            throw new UnsupportedOperationException("cgroup v2 places whole processes only");
        }

        @Override
        public void placeProcess(int pid) throws IOException {
            CgroupFiles.write(procsFile(), Integer.toString(pid));
        }

        @Override
        public Path procsFile() {
            return dir.resolve("cgroup.procs");
        }

        @Override
        public Map<String, Path> containerView() {
            return Map.of();
        }

        @Override
        public void update(Resources resources) throws IOException {
            apply(dir, resources, true);
        }

        @Override
        public CgroupUsage usage() throws IOException {
            Map<String, Long> cpu = CgroupFiles.keyedValues(dir.resolve("cpu.stat"));
            Path io = dir.resolve("io.stat");
            long pidsMax = CgroupFiles.number(dir.resolve("pids.max"));
            return new CgroupUsage(2, cpu.getOrDefault("usage_usec", 0L) * 1000, List.of(),
                    cpu.getOrDefault("system_usec", 0L) * 1000, cpu.getOrDefault("user_usec", 0L) * 1000,
                    cpu.getOrDefault("nr_periods", 0L), cpu.getOrDefault("nr_throttled", 0L),
                    cpu.getOrDefault("throttled_usec", 0L) * 1000,
                    CgroupFiles.number(dir.resolve("memory.current")), CgroupFiles.number(dir.resolve("memory.peak")),
                    Files.exists(dir.resolve("memory.max")) ? CgroupFiles.number(dir.resolve("memory.max"))
                            : Long.MAX_VALUE,
                    CgroupFiles.keyedValue(dir.resolve("memory.events"), "oom"),
                    CgroupFiles.keyedValues(dir.resolve("memory.stat")), CgroupFiles.number(dir.resolve("pids.current")),
                    pidsMax == Long.MAX_VALUE ? 0 : pidsMax,
                    Files.exists(io) ? BlkioEntry.parseV2IoStat(CgroupFiles.read(io)) : List.of(), List.of());
        }

        @Override
        public long oomKills() throws IOException {
            return CgroupFiles.keyedValue(dir.resolve("memory.events"), "oom_kill");
        }

        @Override
        public void freeze() throws IOException {
            setFrozen(true);
        }

        @Override
        public void thaw() throws IOException {
            setFrozen(false);
        }

        /** cgroup.freeze starts the change; cgroup.events reports "frozen 1" once it is complete. */
        private void setFrozen(boolean frozen) throws IOException {
            CgroupFiles.write(dir.resolve("cgroup.freeze"), frozen ? "1" : "0");
            String wanted = "frozen " + (frozen ? 1 : 0);
            for (int attempt = 0; attempt < 1000; attempt++) {
                if (Files.readAllLines(dir.resolve("cgroup.events")).contains(wanted)) {
                    return;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while freezing " + path, e);
                }
            }
            throw new IOException("cgroup " + path + " did not reach " + wanted);
        }

        @Override
        public List<Integer> pids() throws IOException {
            return CgroupFiles.pids(dir.resolve("cgroup.procs"));
        }
    }
}
