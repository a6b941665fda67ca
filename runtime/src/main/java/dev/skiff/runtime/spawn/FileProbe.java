package dev.skiff.runtime.spawn;

/** stat(2) as the executable lookup needs it: the st_mode of a path (following symlinks), or -errno. */
@FunctionalInterface
public interface FileProbe {
    int mode(String path);
}
