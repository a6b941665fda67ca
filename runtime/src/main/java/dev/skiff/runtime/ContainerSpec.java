package dev.skiff.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the runtime needs to start (and later tear down) one container. The daemon builds it from
 * the container's config and image; the runtime never reads daemon files.
 *
 * @param id          container id; names the cgroup ({@code <cgroupParent>/<id>})
 * @param hostname    UTS hostname
 * @param domainname  UTS domain name; empty for none
 * @param lowerDirs   image layer directories (overlay {@code diff} dirs), topmost first; at least one
 * @param upperDir    writable layer directory (owned by the daemon, must exist)
 * @param workDir     overlay work directory on the same filesystem as {@code upperDir} (must exist)
 * @param rootfs      where the merged root is mounted in the host mount namespace, for example
 *                    {@code /run/skiff/containers/<id>/rootfs}; created by start, removed by teardown.
 *                    While the container runs the daemon may read and write there (cp, export, commit);
 *                    bind mounts and /dev, /proc, /sys are only visible inside the container
 * @param mounts      bind mounts, applied in order after the standard mounts (/etc/hostname, /etc/hosts,
 *                    /etc/resolv.conf and user volumes)
 * @param process     the container's first process
 * @param resources   cgroup limits
 * @param cgroupParent cgroup parent path relative to each hierarchy's root, for example {@code skiff}
 * @param networkNamespace null for a network namespace of its own, with only a loopback interface, up;
 *                    else the namespace to join, as a {@code /proc/<pid>/ns/net} path ({@code /proc/self/ns/net}
 *                    is the daemon's, the host's network)
 */
public record ContainerSpec(String id, String hostname, String domainname, List<Path> lowerDirs,
                            Path upperDir, Path workDir, Path rootfs, List<BindMount> mounts,
                            ProcessSpec process, Resources resources, String cgroupParent, Path networkNamespace) {
    public ContainerSpec {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("invalid container id: " + id);
        }
        Objects.requireNonNull(hostname, "hostname");
        domainname = domainname == null ? "" : domainname;
        lowerDirs = List.copyOf(lowerDirs);
        if (lowerDirs.isEmpty()) {
            throw new IllegalArgumentException("a container needs at least one lower dir");
        }
        Objects.requireNonNull(upperDir, "upperDir");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(rootfs, "rootfs");
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(process, "process");
        resources = resources == null ? Resources.NONE : resources;
        if (cgroupParent == null || cgroupParent.isEmpty() || cgroupParent.startsWith("/")
                || cgroupParent.contains("..")) {
            throw new IllegalArgumentException("cgroup parent must be a relative path: " + cgroupParent);
        }
    }
}
