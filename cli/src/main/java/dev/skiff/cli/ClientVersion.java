package dev.skiff.cli;

/** The version of this client, from the jar manifest (written by the build). */
public final class ClientVersion {
    private ClientVersion() {
    }

    public static String current() {
        String v = ClientVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    public static String userAgent() {
        return "skiff-cli/" + current() + " (linux)";
    }
}
