package dev.skiff.daemon.http;

import dev.skiff.daemon.errors.EngineException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Engine API versions skiffd speaks and the version prefix of request paths. */
public final class ApiVersion {
    public static final String CURRENT = "1.41";
    public static final String MINIMUM = "1.24";

    private static final Pattern PREFIX = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");

    private ApiVersion() {
    }

    /** A request path split into its API version (the current one when absent) and the rest. */
    public record VersionedPath(String version, String path) {
    }

    public static VersionedPath split(String rawPath) {
        Matcher m = PREFIX.matcher(rawPath);
        if (!m.matches()) {
            return new VersionedPath(CURRENT, rawPath);
        }
        String version = m.group(1);
        if (compare(version, CURRENT) > 0) {
            throw EngineException.invalidParameter("client version " + version
                    + " is too new. Maximum supported API version is " + CURRENT);
        }
        if (compare(version, MINIMUM) < 0) {
            throw EngineException.invalidParameter("client version " + version
                    + " is too old. Minimum supported API version is " + MINIMUM
                    + ", please upgrade your client to a newer version");
        }
        return new VersionedPath(version, m.group(2));
    }

    /** Numeric comparison of "major.minor" versions. */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    public static boolean atLeast(String version, String min) {
        return compare(version, min) >= 0;
    }
}
