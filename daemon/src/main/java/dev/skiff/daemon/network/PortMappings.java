package dev.skiff.daemon.network;

import dev.skiff.api.ports.PortNumbers;
import dev.skiff.daemon.errors.EngineException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the ports a container publishes from its {@code HostConfig.PortBindings} (and, with
 * {@code PublishAllPorts}, every exposed port to a free host port), with dockerd's texts for what it
 * refuses. Checked at create, so that a start only fails for a port that is taken.
 */
public final class PortMappings {
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
                String hostIp = text(binding.get("HostIp"));
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
            throw EngineException.invalidParameter("invalid containerPort: " + port);
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
            throw EngineException.invalidParameter("invalid hostPort: " + spec);
        }
        return new int[] {low, high};
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
