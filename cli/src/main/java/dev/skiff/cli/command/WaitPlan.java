package dev.skiff.cli.command;

import dev.skiff.cli.engine.ApiVersion;

/**
 * How {@code run} learns the exit status and who removes a {@code --rm} container, by API version.
 * Wait conditions (1.30) let the wait be registered before start and outlive an auto-removal
 * ({@code removed}). Without them a wait on a created container would return at once, so the
 * client waits after the output has ended, and then it must remove the container itself, since
 * the daemon could remove it before the wait arrives. AutoRemove exists from 1.25, which is all a
 * detached run needs.
 *
 * @param autoRemoveByDaemon whether to set HostConfig.AutoRemove for {@code --rm}
 * @param condition          the condition of a wait registered before start; null to wait after the output ends
 */
record WaitPlan(boolean autoRemoveByDaemon, String condition) {
    static WaitPlan of(ApiVersion api, boolean detach, boolean autoRemove) {
        if (detach) {
            return new WaitPlan(api.atLeast(1, 25), null);
        }
        if (api.atLeast(1, 30)) {
            return new WaitPlan(true, autoRemove ? "removed" : "next-exit");
        }
        return new WaitPlan(false, null);
    }

    boolean clientRemoves(boolean autoRemove) {
        return autoRemove && !autoRemoveByDaemon;
    }
}
