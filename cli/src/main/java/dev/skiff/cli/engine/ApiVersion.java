package dev.skiff.cli.engine;

/** An Engine API version such as 1.41, ordered numerically (1.9 < 1.41). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The newest version this client speaks (dockerd 20.10's). */
    public static final ApiVersion CLIENT = new ApiVersion(1, 41);
    /** What the docker CLI assumes when the daemon's ping carries no Api-Version header. */
    public static final ApiVersion FALLBACK = new ApiVersion(1, 24);

    public static ApiVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("invalid API version: " + text);
        }
        try {
            return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid API version: " + text);
        }
    }

    /**
     * The version to use after a ping: the daemon's advertised version when it is older than
     * ours, ours otherwise, and {@link #FALLBACK} when it advertised nothing usable.
     */
    public static ApiVersion negotiate(String advertised) {
        if (advertised == null || advertised.isBlank()) {
            return FALLBACK;
        }
        ApiVersion daemon;
        try {
            daemon = parse(advertised);
        } catch (IllegalArgumentException e) {
            return FALLBACK;
        }
        return daemon.compareTo(CLIENT) < 0 ? daemon : CLIENT;
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(new ApiVersion(major, minor)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
