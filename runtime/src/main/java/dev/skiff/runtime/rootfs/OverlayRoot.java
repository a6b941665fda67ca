package dev.skiff.runtime.rootfs;

import dev.skiff.runtime.ContainerSpec;
import dev.skiff.runtime.linux.Errno;
import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The container's merged root in the host mount namespace: the daemon reads and writes it there (cp,
 * export, commit) and every container mount namespace starts as a copy of it.
 */
public final class OverlayRoot {
    private OverlayRoot() {
    }

    /**
     * Creates the mount point and mounts the overlay of the spec's layers on it, unless something is
     * mounted there already (the daemon mounted it for file access while the container was stopped).
     */
    public static void mount(ContainerSpec spec) throws IOException {
        Native nat = Native.get();
        Files.createDirectories(spec.rootfs());
        if (isMountPoint(spec.rootfs())) {
            return;
        }
        String data = MountOptions.overlay(spec.lowerDirs(), spec.upperDir(), spec.workDir());
        if (data.length() <= MountOptions.MAX_DATA) {
            nat.check(nat.libc().mount("overlay", spec.rootfs().toString(), "overlay", 0, data),
                    "mount overlay on " + spec.rootfs());
        } else {
            mountThroughFds(spec);
        }
        // private: mounts made later under it in the host never show up in container namespaces
        nat.check(nat.libc().mount(null, spec.rootfs().toString(), null, Linux.MS_PRIVATE, null),
                "make " + spec.rootfs() + " private");
    }

    /**
     * Many layers: their absolute paths do not fit in mount(2)'s one page of data, so each lower dir is
     * opened and named by its short /proc/self/fd link (overlay resolves it when mounting; about 220
     * layers fit, more than overlay stacks).
     */
    private static void mountThroughFds(ContainerSpec spec) throws IOException {
        Native nat = Native.get();
        List<Integer> fds = new ArrayList<>();
        try {
            List<String> lowers = new ArrayList<>();
            for (Path lower : spec.lowerDirs()) {
                int fd = nat.check(nat.libc().openat(Linux.AT_FDCWD, lower.toString(),
                        Linux.O_PATH | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0), "open " + lower);
                fds.add(fd);
                lowers.add("/proc/self/fd/" + fd);
            }
            String data = MountOptions.overlay(lowers, spec.upperDir(), spec.workDir());
            if (data.length() > MountOptions.MAX_DATA) {
                throw new IOException("too many layers for one overlay mount (" + spec.lowerDirs().size() + ")");
            }
            nat.check(nat.libc().mount("overlay", spec.rootfs().toString(), "overlay", 0, data),
                    "mount overlay on " + spec.rootfs());
        } finally {
            for (int fd : fds) {
                nat.libc().close(fd);
            }
        }
    }

    /** A directory on another device than its parent is the root of a mount. */
    private static boolean isMountPoint(Path dir) throws IOException {
        Object dev = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        return !dev.equals(Files.getAttribute(dir.getParent(), "unix:dev", LinkOption.NOFOLLOW_LINKS));
    }

    /** Unmounts (lazily if busy) and removes the mount point; nothing to do when already gone. */
    public static void unmount(Path rootfs) throws IOException {
        Native nat = Native.get();
        String target = rootfs.toString();
        while (nat.libc().umount2(target, Linux.UMOUNT_NOFOLLOW) == 0) {
            // stacked mounts (a crashed daemon may have mounted twice): remove all
        }
        int errno = nat.errno();
        if (errno == Errno.EBUSY) {
            nat.check(nat.libc().umount2(target, Linux.MNT_DETACH | Linux.UMOUNT_NOFOLLOW), "unmount " + target);
        } else if (errno != Errno.EINVAL && errno != Errno.ENOENT) {
            throw new LinuxException("unmount " + target, errno);
        }
        Files.deleteIfExists(rootfs);
    }
}
