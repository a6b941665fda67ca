package dev.skiff.it.harness.image;

/** An OCI platform as image configs and index entries spell it. */
public record Platform(String os, String architecture, String variant) {
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Platform ARM64 = new Platform("linux", "arm64", "v8");

    /** The platform of this machine, which a daemon pulling a multi-platform image must pick. */
    public static Platform host() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> AMD64;
            case "aarch64", "arm64" -> ARM64;
            default -> throw new IllegalStateException("no fixture platform for os.arch " + arch);
        };
    }

    /** A platform other than this machine's, which a daemon must not pick. */
    public static Platform foreign() {
        return host().equals(AMD64) ? ARM64 : AMD64;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
