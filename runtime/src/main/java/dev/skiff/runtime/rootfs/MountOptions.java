package dev.skiff.runtime.rootfs;

import java.nio.file.Path;
import java.util.List;
import java.util.Collection;

/** The data strings of the mounts a container gets (docker's defaults). */
public final class MountOptions {
    private MountOptions() {
    }

    /** tmpfs on /dev. */
    public static final String DEV_TMPFS = "mode=755,size=65536k";
    /** A private devpts instance: ptys of the container are numbered from 0, owned by group tty (5). */
    public static final String DEVPTS = "newinstance,ptmxmode=0666,mode=0620,gid=5";
    /** /dev/shm, 64 MiB as docker's default --shm-size. */
    public static final String SHM_TMPFS = "mode=1777,size=65536k";

    /** mount(2) copies at most one page of data; longer strings are cut. */
    public static final int MAX_DATA = 4095;

    /**
     * overlay's data string. Commas and colons separate options and layers, so paths containing them
     * cannot be expressed (overlay has no escaping that works for both); the daemon's layer paths never do.
     */
    public static String overlay(List<Path> lowerDirs, Path upperDir, Path workDir) {
        return overlay(lowerDirs.stream().map(MountOptions::layerPath).toList(), upperDir, workDir);
    }

    /** The same with the lower dirs given as strings (for example /proc/self/fd/N of opened layers). */
    public static String overlay(Collection<String> lowerDirs, Path upperDir, Path workDir) {
        return "lowerdir=" + String.join(":", lowerDirs) + ",upperdir=" + layerPath(upperDir)
                + ",workdir=" + layerPath(workDir);
    }

    private static String layerPath(Path p) {
        String s = p.toString();
        if (!p.isAbsolute() || s.contains(",") || s.contains(":")) {
            throw new IllegalArgumentException("overlay layer path must be absolute without ',' or ':': " + s);
        }
        return s;
    }
}
