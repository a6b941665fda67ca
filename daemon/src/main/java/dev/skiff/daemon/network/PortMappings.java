package dev.skiff.daemon.network;

import dev.skiff.api.ports.PortNumbers;
import dev.skiff.daemon.errors.EngineException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the ports a container publishes from its {@code HostConfig.PortBindings} (and, with
 * {@code PublishAllPorts}, every exposed port to a free host port), with dockerd's texts for what it
 * refuses. Checked at create, so that a start only fails for a port that is taken.
 */
public final class PortMappings {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private PortMappings() {
    }

    public static List<PortMapping> of(Map<String, Object> portBindings, boolean publishAll,
                                       Map<String, Object> exposedPorts) {
        List<PortMapping> out = new ArrayList<>();
        Set<String> bound = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : portBindings.entrySet()) {
            String[] port = portKey(e.getKey());
            bound.add(port[0] + "/" + port[1]);
            if (!(e.getValue() instanceof List<?> bindings) || bindings.isEmpty()) {
                out.add(new PortMapping(port[1], Integer.parseInt(port[0]), "", 0, 0));
                continue;
            }
            for (Object b : bindings) {
                Map<?, ?> binding = b instanceof Map<?, ?> m ? m : Map.of();
                String hostIp = ipLiteral(text(binding.get("HostIp")));
                int[] range = hostPorts(text(binding.get("HostPort")));
                out.add(new PortMapping(port[1], Integer.parseInt(port[0]), hostIp, range[0], range[1]));
            }
        }
        if (publishAll && exposedPorts != null) {
            for (String key : exposedPorts.keySet()) {
                String[] port = portKey(key);
                if (bound.add(port[0] + "/" + port[1])) {
                    out.add(new PortMapping(port[1], Integer.parseInt(port[0]), "", 0, 0));
                }
            }
        }
        return out;
    }

    /** {port, protocol} of a key such as {@code 80/tcp} or {@code 53/udp} ({@code 80} means tcp). */
    private static String[] portKey(String key) {
        int slash = key.indexOf('/');
        String port = slash < 0 ? key : key.substring(0, slash);
        String protocol = slash < 0 ? "tcp" : key.substring(slash + 1).toLowerCase();
        if (PortNumbers.parse(port) <= 0) {
            throw invalidPort(port);
        }
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw EngineException.invalidParameter("invalid proto: " + protocol
                    + (protocol.equals("sctp") ? " (skiff publishes tcp and udp ports)" : ""));
        }
        return new String[] {Integer.toString(PortNumbers.parse(port)), protocol};
    }

    /** {low, high}: {0, 0} for any port, one port, or a range {@code 8000-8010}. */
    private static int[] hostPorts(String spec) {
        if (spec.isEmpty()) {
            return new int[] {0, 0};
        }
        int dash = spec.indexOf('-');
        int low = PortNumbers.parse(dash < 0 ? spec : spec.substring(0, dash));
        int high = dash < 0 ? low : PortNumbers.parse(spec.substring(dash + 1));
        if (low < 0 || high < 0 || high < low) {
            throw invalidPort(spec);
        }
        return new int[] {low, high};
    }

    /** dockerd's text for a port or range it cannot read. */
    private static EngineException invalidPort(String text) {
        return EngineException.invalidParameter("invalid port specification: \"" + text + "\"");
    }

    /**
     * A host address must be an IP address as written: a name would be looked up in DNS each time the
     * container starts, and could mean something else each time.
     */
    private static String ipLiteral(String ip) {
        if (ip.isEmpty()) {
            return ip;
        }
        boolean v4 = IPV4.matcher(ip).matches()
                && Arrays.stream(ip.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean v6 = ip.indexOf(':') >= 0 && ip.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (v4 || v6 && parses(ip)) {
            return ip;
        }
        throw EngineException.invalidParameter("invalid IP address: " + ip);
    }

    /** Whether the JDK reads it as an address; with a colon in it, it never asks DNS. */
    private static boolean parses(String v6) {
        try {
            InetAddress.getByName(v6);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
