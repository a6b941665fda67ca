package dev.skiff.daemon.http;

/** skiffd's own version, from the jar manifest when packaged. */
public final class SkiffVersion {
    public static final String VERSION = version();

    private SkiffVersion() {
    }

    private static String version() {
        String v = SkiffVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
