package dev.skiff.daemon.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code /etc/hosts} and {@code /etc/resolv.conf} a container starts with, as dockerd writes them. */
public final class NetworkFiles {
    static final String FALLBACK_NAMESERVERS = "nameserver 8.8.8.8\nnameserver 8.8.4.4\n";

    private NetworkFiles() {
    }

    /** dockerd's default hosts file (the container's own address line is added by networking, if any). */
    public static String hosts() {
        return "127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "fe00::0\tip6-localnet\n"
                + "ff00::0\tip6-mcastprefix\n"
                + "ff02::1\tip6-allnodes\n"
                + "ff02::2\tip6-allrouters\n";
    }

    /** A container on the host's network sees the host's own hosts file, as with dockerd. */
    static String hostsOfHost() {
        try {
            return Files.readString(Path.of("/etc/hosts"));
        } catch (IOException e) {
            return hosts();
        }
    }

    /** The host's name: the hostname of a container on the host's network. */
    static String hostnameOfHost() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * The host's resolv.conf without loopback nameservers (unreachable from the container's network
     * namespace); when none is left, Google's public servers, as dockerd does.
     */
    public static String resolvConf(String host) {
        List<String> lines = new ArrayList<>();
        boolean hasNameserver = false;
        for (String line : host == null ? List.<String>of() : host.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                if (isLoopback(f[1])) {
                    continue;
                }
                hasNameserver = true;
            }
            lines.add(line);
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        String out = sb.toString().replaceAll("\n{3,}", "\n\n");
        if (!hasNameserver) {
            out += (out.isEmpty() || out.endsWith("\n\n") ? "" : "\n") + FALLBACK_NAMESERVERS;
        }
        return out;
    }

    static boolean isLoopback(String address) {
        String a = address.contains("%") ? address.substring(0, address.indexOf('%')) : address;
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }

    /** True when every nameserver is systemd-resolved's stub, whose upstream file is then used instead. */
    static boolean onlySystemdStub(String host) {
        boolean any = false;
        for (String line : host.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                if (!f[1].equals("127.0.0.53")) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
