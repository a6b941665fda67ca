package dev.skiff.daemon.http;

import dev.skiff.daemon.errors.EngineException;

/** The Engine API versions skiffd speaks and the version prefix of request paths. */
public final class ApiVersion {
    public static final String CURRENT = "1.41";
    public static final String MINIMUM = "1.24";

    private ApiVersion() {
    }

    /** A request path split into its API version (the current one when absent) and the rest. */
    public record VersionedPath(String version, String path) {
    }

    public static VersionedPath split(String rawPath) {
        int slash = rawPath.indexOf('/', 1);
        if (!rawPath.startsWith("/v") || slash < 0 || !isVersion(rawPath, 2, slash)) {
            return new VersionedPath(CURRENT, rawPath);
        }
        String version = rawPath.substring(2, slash);
        if (compare(version, CURRENT) > 0) {
            throw EngineException.invalidParameter("client version " + version
                    + " is too new. Maximum supported API version is " + CURRENT);
        }
        if (compare(version, MINIMUM) < 0) {
            throw EngineException.invalidParameter("client version " + version
                    + " is too old. Minimum supported API version is " + MINIMUM
                    + ", please upgrade your client to a newer version");
        }
        return new VersionedPath(version, rawPath.substring(slash));
    }

    /** Whether {@code s[from, to)} is "digits.digits". */
    private static boolean isVersion(String s, int from, int to) {
        int dot = s.indexOf('.', from);
        return dot > from && dot < to - 1 && digits(s, from, dot) && digits(s, dot + 1, to);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Numeric comparison of "major.minor" versions. */
    public static int compare(String a, String b) {
        int c = Integer.compare(major(a), major(b));
        return c != 0 ? c : Integer.compare(minor(a), minor(b));
    }

    private static int major(String v) {
        return Integer.parseInt(v, 0, v.indexOf('.'), 10);
    }

    private static int minor(String v) {
        return Integer.parseInt(v, v.indexOf('.') + 1, v.length(), 10);
    }

    public static boolean atLeast(String version, String min) {
        return compare(version, min) >= 0;
    }
}
