package dev.skiff.runtime.cgroup;

import dev.skiff.runtime.Resources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One container's cgroup (in every v1 hierarchy, or one v2 directory). */
public interface ContainerCgroup {
    /** Path relative to the hierarchy roots, for example {@code skiff/<id>}. */
    String path();

    /**
     * Whether a thread can be placed on its own (cgroup v1 {@code tasks}); then a process spawned by that
     * thread starts inside. Otherwise the process must place itself (see {@link #procsFile()}).
     */
    boolean placesThreads();

    /**
     * Whether the group limits which devices its processes may open (docker's default rules). Without
     * that, containers must not get CAP_MKNOD.
     */
    boolean controlsDevices();

    /** Moves the calling thread into the cgroup (v1 only). */
    void placeCurrentThread() throws IOException;

    /** Moves a whole process into the cgroup. */
    void placeProcess(int pid) throws IOException;

    /** The {@code cgroup.procs} file a process writes "0" to in order to join (v2). */
    Path procsFile();

    /**
     * What the container sees under /sys/fs/cgroup on a v1 host: hierarchy directory name (as on the
     * host, for example {@code memory} or {@code cpu,cpuacct}) to the host directory of this group, bound
     * read-only. Empty on v2, where skiff-init mounts cgroup2 in the container's own cgroup namespace.
     */
    Map<String, Path> containerView();

    /** Writes the limits of a running group again (see {@link dev.skiff.runtime.Container#update}). */
    void update(Resources resources) throws IOException;

    /** Current usage counters. */
    CgroupUsage usage() throws IOException;

    /** How many processes of the group the kernel's OOM killer has killed (0 without a memory controller). */
    long oomKills() throws IOException;

    void freeze() throws IOException;

    void thaw() throws IOException;

    List<Integer> pids() throws IOException;
}
