package dev.skiff.runtime.stats;

import dev.skiff.runtime.ContainerStats.NetworkCounters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Interface counters of a network namespace, from /proc/<pid>/net/dev of a process inside it. */
public final class NetDev {
    private NetDev() {
    }

    public static Map<String, NetworkCounters> read(int pid) throws IOException {
        return parse(Files.readString(Path.of("/proc/" + pid + "/net/dev")));
    }

    /** Every interface but lo (dockerd leaves it out). */
    public static Map<String, NetworkCounters> parse(String netDev) {
        Map<String, NetworkCounters> counters = new LinkedHashMap<>();
        for (String line : netDev.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (name.equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            counters.put(name, new NetworkCounters(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                    Long.parseLong(f[11])));
        }
        return counters;
    }
}
