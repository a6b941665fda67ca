package dev.skiff.runtime.cgroup;

import dev.skiff.runtime.Resources;
import dev.skiff.runtime.cgroup.CgroupMounts.V1Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** cgroup v1: the container gets the same relative path in every mounted hierarchy. */
final class CgroupV1Driver implements CgroupDriver {
    private static final long TICK_NANOS = 10_000_000;
    private final List<V1Hierarchy> hierarchies;

    CgroupV1Driver(List<V1Hierarchy> hierarchies) {
        this.hierarchies = hierarchies;
    }

    @Override
    public ContainerCgroup create(String path, Resources resources) throws IOException {
        for (V1Hierarchy h : hierarchies) {
            createDirectories(h, path);
        }
        V1Cgroup cgroup = new V1Cgroup(path);
        cgroup.apply(resources);
        return cgroup;
    }

    @Override
    public ContainerCgroup open(String path) {
        return new V1Cgroup(path);
    }

    @Override
    public void remove(String path) throws IOException {
        V1Cgroup cgroup = new V1Cgroup(path);
        if (cgroup.dir("freezer") != null && Files.isDirectory(cgroup.dir("freezer"))) {
            cgroup.thaw(); // frozen tasks do not die until thawed
        }
        CgroupFiles.killAll(cgroup.pids());
        for (V1Hierarchy h : hierarchies) {
            CgroupFiles.removeDirectory(h.mountPoint().resolve(path));
        }
    }

    /** mkdir -p; a new cpuset group starts with no CPUs and memory nodes, so it inherits its parent's. */
    private static void createDirectories(V1Hierarchy h, String path) throws IOException {
        Path dir = h.mountPoint();
        for (Path part : Path.of(path)) {
            Path parent = dir;
            dir = dir.resolve(part.toString());
            if (Files.isDirectory(dir)) {
                continue;
            }
            try {
                Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                continue;
            }
            if (h.has("cpuset")) {
                for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
                    CgroupFiles.write(dir.resolve(file), CgroupFiles.read(parent.resolve(file)));
                }
            }
        }
    }

    private final class V1Cgroup implements ContainerCgroup {
        private final String path;

        V1Cgroup(String path) {
            this.path = path;
        }

        Path dir(String controller) {
            for (V1Hierarchy h : hierarchies) {
                if (h.has(controller)) {
                    return h.mountPoint().resolve(path);
                }
            }
            return null;
        }

        void apply(Resources resources) throws IOException {
            Path devices = dir("devices");
            if (devices != null) {
                CgroupFiles.write(devices.resolve("devices.deny"), "a");
                for (String rule : DeviceRules.DOCKER_DEFAULT) {
                    CgroupFiles.write(devices.resolve("devices.allow"), rule);
                }
            }
            writeLimits(resources, false);
        }

        /** @param lift whether unset limits are written as unlimited (an update), or left alone (a new group) */
        private void writeLimits(Resources resources, boolean lift) throws IOException {
            if (resources.memoryBytes() > 0) {
                writeMemory(MemoryLimit.of(resources));
            }
            if (resources.pidsLimit() > 0 || lift && dir("pids") != null) {
                CgroupFiles.write(require("pids").resolve("pids.max"),
                        resources.pidsLimit() > 0 ? Long.toString(resources.pidsLimit()) : "max");
            }
            if (resources.cpuShares() > 0) {
                CgroupFiles.write(require("cpu").resolve("cpu.shares"), Long.toString(resources.cpuShares()));
            }
            CpuQuota quota = CpuQuota.of(resources);
            if (quota != null) {
                Path cpu = require("cpu");
                if (quota.periodMicros() > 0) {
                    CgroupFiles.write(cpu.resolve("cpu.cfs_period_us"), Long.toString(quota.periodMicros()));
                }
                CgroupFiles.write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota.quotaMicros()));
            }
        }

        /**
         * The kernel keeps memory <= memory+swap after every single write, so a memory+swap limit above the
         * current memory limit goes first, anything else second (runc's order).
         */
        private void writeMemory(MemoryLimit limit) throws IOException {
            Path memory = require("memory");
            Path limitFile = memory.resolve("memory.limit_in_bytes");
            Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
            if (!Files.exists(memsw)) { // the kernel does not account swap
                CgroupFiles.write(limitFile, Long.toString(limit.memoryBytes()));
                return;
            }
            if (limit.memorySwapBytes() < 0 || CgroupFiles.number(limitFile) < limit.memorySwapBytes()) {
                CgroupFiles.write(memsw, limit.memswLimit());
                CgroupFiles.write(limitFile, Long.toString(limit.memoryBytes()));
            } else {
                CgroupFiles.write(limitFile, Long.toString(limit.memoryBytes()));
                CgroupFiles.write(memsw, limit.memswLimit());
            }
        }

        private Path require(String controller) throws IOException {
            Path dir = dir(controller);
            if (dir == null) {
                throw new IOException("cgroup controller " + controller + " is not mounted");
            }
            return dir;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public boolean placesThreads() {
            return true;
        }

        @Override
        public boolean controlsDevices() {
            return dir("devices") != null;
        }

        @Override
        public void placeCurrentThread() throws IOException {
            for (V1Hierarchy h : hierarchies) {
                // "0" is the writing thread itself; the kernel then skips the process-wide migration lock,
                // whose RCU grace period would otherwise dominate the start time under load
                CgroupFiles.write(h.mountPoint().resolve(path).resolve("tasks"), "0");
            }
        }

        @Override
        public void placeProcess(int pid) throws IOException {
            String value = Integer.toString(pid);
            for (V1Hierarchy h : hierarchies) {
                CgroupFiles.write(h.mountPoint().resolve(path).resolve("cgroup.procs"), value);
            }
        }

        @Override
        public Path procsFile() {
            return hierarchies.get(0).mountPoint().resolve(path).resolve("cgroup.procs");
        }

        @Override
        public Map<String, Path> containerView() {
            Map<String, Path> view = new LinkedHashMap<>();
            for (V1Hierarchy h : hierarchies) {
                view.put(h.mountPoint().getFileName().toString(), h.mountPoint().resolve(path));
            }
            return view;
        }

        @Override
        public void update(Resources resources) throws IOException {
            writeLimits(resources, true);
        }

        @Override
        public CgroupUsage usage() throws IOException {
            Path cpuacct = require("cpuacct");
            List<Long> perCpu = new ArrayList<>();
            for (String n : CgroupFiles.read(cpuacct.resolve("cpuacct.usage_percpu")).split(" ")) {
                if (!n.isEmpty()) {
                    perCpu.add(Long.parseLong(n));
                }
            }
            // cpuacct.stat counts USER_HZ (100 per second) ticks
            Map<String, Long> ticks = CgroupFiles.keyedValues(cpuacct.resolve("cpuacct.stat"));
            Map<String, Long> cpu = CgroupFiles.keyedValues(require("cpu").resolve("cpu.stat"));
            Path memory = require("memory");
            Path pids = dir("pids");
            Path blkio = dir("blkio");
            long pidsMax = pids == null ? 0 : CgroupFiles.number(pids.resolve("pids.max"));
            return new CgroupUsage(1, CgroupFiles.number(cpuacct.resolve("cpuacct.usage")), perCpu,
                    ticks.getOrDefault("system", 0L) * TICK_NANOS, ticks.getOrDefault("user", 0L) * TICK_NANOS,
                    cpu.getOrDefault("nr_periods", 0L), cpu.getOrDefault("nr_throttled", 0L),
                    cpu.getOrDefault("throttled_time", 0L),
                    CgroupFiles.number(memory.resolve("memory.usage_in_bytes")),
                    CgroupFiles.number(memory.resolve("memory.max_usage_in_bytes")),
                    CgroupFiles.number(memory.resolve("memory.limit_in_bytes")),
                    CgroupFiles.number(memory.resolve("memory.failcnt")),
                    CgroupFiles.keyedValues(memory.resolve("memory.stat")),
                    pids == null ? 0 : CgroupFiles.number(pids.resolve("pids.current")),
                    pidsMax == Long.MAX_VALUE ? 0 : pidsMax,
                    blkioEntries(blkio, "blkio.throttle.io_service_bytes"),
                    blkioEntries(blkio, "blkio.throttle.io_serviced"));
        }

        /** The throttle policy's counters exist on every kernel, whichever I/O scheduler (CFQ, BFQ, none) runs. */
        private static List<BlkioEntry> blkioEntries(Path blkio, String file) throws IOException {
            Path path = blkio == null ? null : blkio.resolve(file);
            return path == null || !Files.exists(path) ? List.of() : BlkioEntry.parseV1(CgroupFiles.read(path));
        }

        @Override
        public long oomKills() throws IOException {
            Path memory = dir("memory");
            return memory == null ? 0 : CgroupFiles.keyedValue(memory.resolve("memory.oom_control"), "oom_kill");
        }

        @Override
        public void freeze() throws IOException {
            setFreezerState("FROZEN");
        }

        @Override
        public void thaw() throws IOException {
            setFreezerState("THAWED");
        }

        /** Writing FROZEN starts freezing; the state reads FREEZING until every task has stopped. */
        private void setFreezerState(String state) throws IOException {
            Path file = require("freezer").resolve("freezer.state");
            for (int attempt = 0; ; attempt++) {
                CgroupFiles.write(file, state);
                if (CgroupFiles.read(file).equals(state)) {
                    return;
                }
                if (attempt >= 1000) {
                    throw new IOException("cgroup " + path + " did not reach " + state);
                }
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while freezing " + path, e);
                }
            }
        }

        @Override
        public List<Integer> pids() throws IOException {
            Set<Integer> pids = new LinkedHashSet<>();
            for (V1Hierarchy h : hierarchies) {
                pids.addAll(CgroupFiles.pids(h.mountPoint().resolve(path).resolve("cgroup.procs")));
            }
            return new ArrayList<>(pids);
        }
    }
}
