package dev.skiff.runtime.rootfs;

import java.util.List;

/**
 * Kernel interfaces docker hides from (non-privileged) containers: masked paths get /dev/null or an
 * empty tmpfs on top, read-only paths a read-only bind of themselves. Applied by skiff-init right after
 * it has mounted /proc.
 */
public final class MaskedPaths {
    private MaskedPaths() {
    }

    public static final List<String> DOCKER_MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware");

    public static final List<String> DOCKER_READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq",
            "/proc/sys", "/proc/sysrq-trigger");

    /** The ':'-separated form skiff-init takes. */
    public static String joined(List<String> paths) {
        for (String p : paths) {
            if (!p.startsWith("/") || p.contains(":")) {
                throw new IllegalArgumentException("masked path must be absolute without ':': " + p);
            }
        }
        return String.join(":", paths);
    }
}
