package dev.skiff.daemon.system;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Facts about the host that /version and /info report, read from /proc and /etc at startup. */
public record HostInfo(
        String kernelVersion,
        String operatingSystem,
        String osVersion,
        String goArch,
        String machine,
        int ncpu,
        long memTotal,
        String hostname,
        String backingFilesystem) {

    public static HostInfo read(Path dataRoot) {
        String arch = System.getProperty("os.arch");
        return new HostInfo(
                firstLine(Path.of("/proc/sys/kernel/osrelease"), "unknown"),
                osRelease("PRETTY_NAME", "Linux"),
                osRelease("VERSION_ID", ""),
                goArch(arch),
                machine(arch),
                Runtime.getRuntime().availableProcessors(),
                readMemTotal(),
                firstLine(Path.of("/proc/sys/kernel/hostname"), "localhost"),
                backingFilesystem(dataRoot));
    }

    /** The GOARCH spelling dockerd uses in /version ("amd64", "arm64"). */
    static String goArch(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> javaArch;
        };
    }

    /** The uname -m spelling dockerd uses in /info ("x86_64", "aarch64"). */
    static String machine(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> javaArch;
        };
    }

    /** dockerd's names for the filesystem under the data root (ext2/3/4 are all "extfs"). */
    static String backingFilesystemName(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("ext") ? "extfs" : t;
    }

    private static String backingFilesystem(Path dataRoot) {
        try {
            Path p = dataRoot;
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            FileStore store = Files.getFileStore(p == null ? Path.of("/") : p);
            return backingFilesystemName(store.type());
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long readMemTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: an unknown size is reported as 0, as dockerd does
        }
        return 0;
    }

    private static String osRelease(String key, String fallback) {
        for (Path p : List.of(Path.of("/etc/os-release"), Path.of("/usr/lib/os-release"))) {
            try {
                for (String line : Files.readAllLines(p)) {
                    if (line.startsWith(key + "=")) {
                        String v = line.substring(key.length() + 1);
                        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                    }
                }
            } catch (IOException e) {
                // try the next location
            }
        }
        return fallback;
    }

    private static String firstLine(Path p, String fallback) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return fallback;
        }
    }
}
