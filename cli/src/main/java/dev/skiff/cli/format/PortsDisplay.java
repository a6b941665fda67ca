package dev.skiff.cli.format;

import dev.skiff.cli.engine.model.ContainerSummary.Port;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PORTS column of {@code ps}: ports sorted, consecutive unpublished (or identity-mapped) ports
 * of the same kind merged into ranges ({@code 80-81/tcp}), published ports listed as
 * {@code 0.0.0.0:8080->80/tcp} ({@code [::]:8080->80/tcp} for IPv6), all joined by ", ".
 */
public final class PortsDisplay {
    private static final Comparator<Port> ORDER = Comparator.comparingInt(Port::privatePort)
            .thenComparing(Port::ip)
            .thenComparingInt(Port::publicPort)
            .thenComparing(Port::type);

    private PortsDisplay() {
    }

    public static String format(List<Port> ports) {
        List<Port> sorted = new ArrayList<>(ports);
        sorted.sort(ORDER);
        Map<String, int[]> openRanges = new LinkedHashMap<>(); // key: "[ip/]type" -> {first, last}
        List<String> ranges = new ArrayList<>();
        List<String> mappings = new ArrayList<>();
        for (Port p : sorted) {
            String key = p.type();
            if (!p.ip().isEmpty()) {
                if (p.publicPort() != p.privatePort()) {
                    mappings.add(hostPort(p.ip(), p.publicPort()) + "->" + p.privatePort() + "/" + p.type());
                    continue;
                }
                key = p.ip() + "/" + p.type();
            }
            int[] range = openRanges.get(key);
            if (range == null) {
                openRanges.put(key, new int[] {p.privatePort(), p.privatePort()});
            } else if (p.privatePort() == range[1] + 1) {
                range[1] = p.privatePort();
            } else {
                ranges.add(range(key, range));
                openRanges.put(key, new int[] {p.privatePort(), p.privatePort()});
            }
        }
        openRanges.forEach((key, range) -> ranges.add(range(key, range)));
        ranges.addAll(mappings);
        return String.join(", ", ranges);
    }

    private static String range(String key, int[] range) {
        int slash = key.lastIndexOf('/');
        String ip = slash >= 0 ? key.substring(0, slash) : "";
        String type = slash >= 0 ? key.substring(slash + 1) : key;
        String ports = range[0] == range[1] ? Integer.toString(range[0]) : range[0] + "-" + range[1];
        if (!ip.isEmpty()) {
            ports = hostPort(ip, -1) + ":" + ports + "->" + ports;
        }
        return ports + "/" + type;
    }

    /** Go's net.JoinHostPort: IPv6 literals go in brackets. */
    private static String hostPort(String ip, int port) {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return port < 0 ? host : host + ":" + port;
    }
}
