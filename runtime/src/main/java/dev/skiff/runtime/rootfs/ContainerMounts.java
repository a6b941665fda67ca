package dev.skiff.runtime.rootfs;

import dev.skiff.runtime.BindMount;
import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the container's filesystem view inside its (already unshared) mount namespace, on top of the
 * overlay root: /dev with the standard nodes, /dev/pts, /dev/shm, /dev/mqueue, a read-only /sys and the
 * bind mounts. /proc can only be mounted by a process inside the new PID namespace, so the init does it;
 * here its mount point is only made sure to exist.
 *
 * <p>Runs on the namespace thread: every native buffer is allocated at construction.
 */
public final class ContainerMounts {
    private static final String CGROUP_FS = "/sys/fs/cgroup";
    private static final long NOSUID_NODEV_NOEXEC = Linux.MS_NOSUID | Linux.MS_NODEV | Linux.MS_NOEXEC;

    private record DeviceNode(String name, int major, int minor) {
    }

    private record DevLink(String name, String target) {
    }

    /** The device nodes docker creates in /dev (all 0666). */
    private static final List<DeviceNode> DEVICES = List.of(
            new DeviceNode("null", 1, 3), new DeviceNode("zero", 1, 5), new DeviceNode("full", 1, 7),
            new DeviceNode("random", 1, 8), new DeviceNode("urandom", 1, 9), new DeviceNode("tty", 5, 0));

    private static final List<DevLink> DEV_LINKS = List.of(
            new DevLink("fd", "/proc/self/fd"), new DevLink("stdin", "/proc/self/fd/0"),
            new DevLink("stdout", "/proc/self/fd/1"), new DevLink("stderr", "/proc/self/fd/2"),
            new DevLink("ptmx", "pts/ptmx"), new DevLink("core", "/proc/kcore"));

    private final Native nat = Native.get();
    private final LibC libc = nat.libc();
    private final RootedFiles files = new RootedFiles();

    public RootedFiles files() {
        return files;
    }

    /**
     * Mounts everything below {@code rootFd} (an O_PATH fd of the rootfs opened inside this mount
     * namespace).
     */
    public void setUp(int rootFd, List<BindMount> binds, Map<String, Path> cgroupView) throws LinuxException {
        files.setRoot(rootFd);
        // the mode bits given below are meant literally; the umask belongs to this thread alone (its
        // fs_struct was unshared with the mount namespace)
        int umask = libc.umask(0);
        try {
            mountAll(binds, cgroupView);
        } finally {
            libc.umask(umask);
        }
    }

    private void mountAll(List<BindMount> binds, Map<String, Path> cgroupView) throws LinuxException {
        libc.close(files.makeDirectories("/proc"));
        mountFs("tmpfs", "/dev", "tmpfs", Linux.MS_NOSUID | Linux.MS_STRICTATIME, MountOptions.DEV_TMPFS);
        populateDev();
        mountFs("devpts", "/dev/pts", "devpts", Linux.MS_NOSUID | Linux.MS_NOEXEC, MountOptions.DEVPTS);
        mountFs("shm", "/dev/shm", "tmpfs", NOSUID_NODEV_NOEXEC, MountOptions.SHM_TMPFS);
        mountFs("mqueue", "/dev/mqueue", "mqueue", NOSUID_NODEV_NOEXEC, null);
        mountFs("sysfs", "/sys", "sysfs", NOSUID_NODEV_NOEXEC | Linux.MS_RDONLY, null);
        if (!cgroupView.isEmpty()) {
            mountCgroupView(cgroupView);
        }
        for (BindMount bind : binds) {
            bindMount(bind);
        }
    }

    /**
     * cgroup v1: a tmpfs at /sys/fs/cgroup holding, per hierarchy, a read-only bind of the container's own
     * group (and the host's controller-name symlinks for co-mounted hierarchies), as docker shows it.
     */
    private void mountCgroupView(Map<String, Path> view) throws LinuxException {
        mountFs("tmpfs", CGROUP_FS, "tmpfs", NOSUID_NODEV_NOEXEC, "mode=755");
        int dir = files.openOrThrow(CGROUP_FS, Linux.O_PATH | Linux.O_DIRECTORY);
        try {
            for (Map.Entry<String, Path> hierarchy : view.entrySet()) {
                String name = hierarchy.getKey();
                bind(hierarchy.getValue().toString(), CGROUP_FS + "/" + name, true, true);
                if (name.contains(",")) {
                    for (String controller : name.split(",")) {
                        nat.check(libc.symlinkat(name, dir, controller), "symlink " + CGROUP_FS + "/" + controller);
                    }
                }
            }
        } finally {
            libc.close(dir);
        }
        remountReadOnly(CGROUP_FS, NOSUID_NODEV_NOEXEC);
    }

    /**
     * Makes the terminal also /dev/console, as runc does for containers with a TTY.
     *
     * @param slave the pty slave's path as this thread sees it (the rootfs path plus /dev/pts/N)
     */
    public void bindConsole(String slave) throws LinuxException {
        int target = files.mountTarget("/dev/console", false);
        try {
            nat.check(libc.mount(slave, RootedFiles.procPath(target), null, Linux.MS_BIND, null), "bind /dev/console");
        } finally {
            libc.close(target);
        }
    }

    private void mountFs(String source, String dest, String type, long flags, String data) throws LinuxException {
        int fd = files.makeDirectories(dest);
        try {
            nat.check(libc.mount(source, RootedFiles.procPath(fd), type, flags, data), "mount " + type + " on " + dest);
        } finally {
            libc.close(fd);
        }
    }

    private void populateDev() throws LinuxException {
        int dev = files.openOrThrow("/dev", Linux.O_PATH | Linux.O_DIRECTORY);
        try {
            for (DeviceNode d : DEVICES) {
                nat.check(libc.mknodat(dev, d.name(), Linux.S_IFCHR | 0666, Linux.makedev(d.major(), d.minor())),
                        "mknod /dev/" + d.name());
            }
            for (DevLink link : DEV_LINKS) {
                nat.check(libc.symlinkat(link.target(), dev, link.name()), "symlink /dev/" + link.name());
            }
        } finally {
            libc.close(dev);
        }
    }

    private void bindMount(BindMount bind) throws LinuxException {
        int source = nat.check(libc.openat(Linux.AT_FDCWD, bind.source(), Linux.O_PATH | Linux.O_CLOEXEC, 0),
                "open bind source " + bind.source());
        boolean directory;
        try {
            directory = (files.mode(source) & Linux.S_IFMT) == Linux.S_IFDIR;
        } finally {
            libc.close(source);
        }
        bind(bind.source(), bind.destination(), directory, bind.readOnly());
    }

    private void bind(String source, String destination, boolean directory, boolean readOnly) throws LinuxException {
        int target = files.mountTarget(destination, directory);
        try {
            nat.check(libc.mount(source, RootedFiles.procPath(target), null, Linux.MS_BIND | Linux.MS_REC, null),
                    "bind mount " + source + " on " + destination);
        } finally {
            libc.close(target);
        }
        if (readOnly) {
            remountReadOnly(destination, 0);
        }
    }

    /** The fd taken before a mount names the covered file: reopen to reach the new mount. */
    private void remountReadOnly(String path, long keepFlags) throws LinuxException {
        int mounted = files.openOrThrow(path, Linux.O_PATH);
        try {
            nat.check(libc.mount(null, RootedFiles.procPath(mounted), null,
                    Linux.MS_BIND | Linux.MS_REMOUNT | Linux.MS_RDONLY | keepFlags, null), "remount " + path + " read-only");
        } finally {
            libc.close(mounted);
        }
    }
}
