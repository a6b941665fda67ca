package dev.skiff.daemon.registry;

import java.util.Locale;

/**
 * An OCI platform (os/architecture/variant), normalised the way containerd does so that
 * "aarch64", "arm64/v8" and "arm64" compare equal.
 */
public record Platform(String os, String architecture, String variant) {

    /** The platform of this host, as images name it. */
    public static Platform host() {
        return normalize(new Platform("linux", System.getProperty("os.arch"), ""));
    }

    public static Platform normalize(Platform p) {
        String os = p.os() == null ? "" : p.os().toLowerCase(Locale.ROOT);
        String arch = p.architecture() == null ? "" : p.architecture().toLowerCase(Locale.ROOT);
        String variant = p.variant() == null ? "" : p.variant().toLowerCase(Locale.ROOT);
        switch (arch) {
            case "i386" -> arch = "386";
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if (variant.equals("v1")) {
                    variant = "";
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                if (variant.equals("8") || variant.equals("v8")) {
                    variant = "";
                }
            }
            case "armhf" -> {
                arch = "arm";
                variant = "v7";
            }
            case "armel" -> {
                arch = "arm";
                variant = "v6";
            }
            case "arm" -> {
                if (variant.isEmpty() || variant.equals("7")) {
                    variant = "v7";
                } else if (variant.equals("5") || variant.equals("6") || variant.equals("8")) {
                    variant = "v" + variant;
                }
            }
            default -> {
            }
        }
        return new Platform(os, arch, variant);
    }

    /** "linux/amd64" or "linux/arm/v7", as dockerd prints platforms in errors. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
