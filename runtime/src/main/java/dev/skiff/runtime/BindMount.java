package dev.skiff.runtime;

/**
 * A host file or directory made visible inside the container (recursive bind).
 *
 * @param source      absolute host path; must exist
 * @param destination absolute path inside the container; created (as an empty file or directory,
 *                    matching the source) when missing, never following symlinks out of the rootfs
 * @param readOnly    mount read-only
 */
public record BindMount(String source, String destination, boolean readOnly) {
    public BindMount {
        if (!source.startsWith("/") || !destination.startsWith("/")) {
            throw new IllegalArgumentException("bind mount paths must be absolute: " + source + ":" + destination);
        }
    }
}
