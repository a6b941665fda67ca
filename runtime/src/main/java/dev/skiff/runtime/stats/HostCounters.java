package dev.skiff.runtime.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Host-wide numbers the stats percentages are relative to, as dockerd computes them. */
public final class HostCounters {
    /** /proc/stat counts USER_HZ ticks, 100 per second. */
    private static final long TICK_NANOS = 10_000_000;

    private HostCounters() {
    }

    /** CPU time of all CPUs in all states (user, nice, system, idle, iowait, irq, softirq). */
    public static long systemCpuNanos(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long ticks = 0;
                for (int i = 1; i <= 7 && i < f.length; i++) {
                    ticks += Long.parseLong(f[i]);
                }
                return ticks * TICK_NANOS;
            }
        }
        throw new IllegalArgumentException("no cpu line in /proc/stat");
    }

    /** Number of "cpuN" lines: the online CPUs. */
    public static int onlineCpus(String procStat) {
        int n = 0;
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                n++;
            }
        }
        return n;
    }

    /** MemTotal of /proc/meminfo in bytes. */
    public static long memTotalBytes(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalArgumentException("no MemTotal in /proc/meminfo");
    }

    public static String procStat() throws IOException {
        return Files.readString(Path.of("/proc/stat"));
    }

    public static String meminfo() throws IOException {
        return Files.readString(Path.of("/proc/meminfo"));
    }
}
