package dev.skiff.runtime.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cgroup filesystems of this mount namespace, read from {@code /proc/self/mountinfo}.
 *
 * @param unifiedRoot the cgroup2 mount at {@code /sys/fs/cgroup} when the host runs the unified hierarchy,
 *                    else null
 * @param v1          the v1 hierarchies (one per mount point) when it does not
 */
public record CgroupMounts(Path unifiedRoot, List<V1Hierarchy> v1) {
    static final Path CGROUP_FS = Path.of("/sys/fs/cgroup");

    private static final Set<String> NON_CONTROLLER_OPTIONS = Set.of("rw", "ro", "xattr", "noprefix",
            "clone_children", "nsdelegate", "memory_recursiveprot");

    /** One mounted v1 hierarchy and the controllers (or {@code name=...}) bound to it. */
    public record V1Hierarchy(Path mountPoint, List<String> controllers) {
        public boolean has(String controller) {
            return controllers.contains(controller);
        }
    }

    public static CgroupMounts parse(String mountinfo) {
        Path unified = null;
        List<V1Hierarchy> v1 = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] fields = line.substring(0, dash).split(" ");
            String[] tail = line.substring(dash + 3).split(" ");
            if (fields.length < 5 || tail.length < 3) {
                continue;
            }
            Path mountPoint = Path.of(unescape(fields[4]));
            if (tail[0].equals("cgroup2") && mountPoint.equals(CGROUP_FS)) {
                unified = mountPoint;
            } else if (tail[0].equals("cgroup")) {
                List<String> controllers = new ArrayList<>();
                for (String option : tail[2].split(",")) {
                    if (!NON_CONTROLLER_OPTIONS.contains(option) && !option.startsWith("release_agent=")) {
                        controllers.add(option);
                    }
                }
                v1.add(new V1Hierarchy(mountPoint, List.copyOf(controllers)));
            }
        }
        return new CgroupMounts(unified, List.copyOf(v1));
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
