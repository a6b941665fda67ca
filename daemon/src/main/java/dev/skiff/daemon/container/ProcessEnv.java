package dev.skiff.daemon.container;

import java.util.ArrayList;
import java.util.List;

/** The environment a container's first process gets, built as dockerd and runc build it. */
public final class ProcessEnv {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ProcessEnv() {
    }

    /**
     * PATH and HOSTNAME first (TERM=xterm with a TTY), then the container's Env replacing or adding
     * entries (a bare {@code NAME} removes NAME), then HOME from the user's passwd entry unless set.
     */
    public static List<String> build(List<String> configEnv, String hostname, boolean tty, String home) {
        List<String> env = new ArrayList<>();
        env.add(DEFAULT_PATH);
        env.add("HOSTNAME=" + hostname);
        if (tty) {
            env.add("TERM=xterm");
        }
        for (String entry : configEnv == null ? List.<String>of() : configEnv) {
            String key = ConfigMerge.envKey(entry);
            int at = indexOf(env, key);
            if (entry.indexOf('=') < 0) {
                if (at >= 0) {
                    env.remove(at);
                }
            } else if (at >= 0) {
                env.set(at, entry);
            } else {
                env.add(entry);
            }
        }
        if (indexOf(env, "HOME") < 0) {
            env.add("HOME=" + home);
        }
        return env;
    }

    private static int indexOf(List<String> env, String key) {
        for (int i = 0; i < env.size(); i++) {
            if (ConfigMerge.envKey(env.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
