package dev.skiff.daemon.container;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.skiff.daemon.errors.EngineException;

/** {@code HostConfig.RestartPolicy}: no, always, unless-stopped or on-failure with an optional retry limit. */
public record RestartPolicy(String name, int maximumRetryCount) {
    public static final RestartPolicy NO = new RestartPolicy("no", 0);

    public RestartPolicy {
        name = name == null || name.isEmpty() ? "no" : name;
    }

    /** dockerd's checks at create, with its messages. */
    public void validate() {
        switch (name) {
            case "no", "always", "unless-stopped" -> {
                if (maximumRetryCount != 0) {
                    throw EngineException.invalidParameter("maximum retry count cannot be used with restart policy '"
                            + name + "'");
                }
            }
            case "on-failure" -> {
                if (maximumRetryCount < 0) {
                    throw EngineException.invalidParameter("maximum retry count cannot be negative");
                }
            }
            default -> throw EngineException.invalidParameter("invalid restart policy '" + name + "'");
        }
    }

    @JsonIgnore
    public boolean isNone() {
        return name.equals("no");
    }

    /**
     * Whether a container that just exited should be started again (dockerd's restart manager).
     *
     * @param exitCode        the exit status of the run
     * @param manuallyStopped stopped or killed by a client (or the daemon is shutting down)
     * @param restartCount    restarts so far under this policy
     */
    public boolean shouldRestart(int exitCode, boolean manuallyStopped, int restartCount) {
        if (manuallyStopped) {
            return false;
        }
        return switch (name) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
            default -> false;
        };
    }
}
