package dev.skiff.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.ports.PortNumbers;
import dev.skiff.cli.args.UsageException;

import java.util.List;

/**
 * {@code -p} specs as the docker CLI reads them, {@code [ip:][hostPort:]containerPort[/proto]} with
 * port ranges and {@code [v6]} addresses, written into a create body's {@code ExposedPorts} and
 * {@code HostConfig.PortBindings}.
 */
final class PortSpecs {
    private PortSpecs() {
    }

    static void addTo(List<String> specs, ObjectNode exposedPorts, ObjectNode portBindings) throws UsageException {
        for (String spec : specs) {
            add(spec, exposedPorts, portBindings);
        }
    }

    private static void add(String spec, ObjectNode exposedPorts, ObjectNode portBindings) throws UsageException {
        String proto = "tcp";
        String rest = spec;
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            proto = rest.substring(slash + 1).toLowerCase();
            rest = rest.substring(0, slash);
        }
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw new UsageException("invalid proto: " + proto);
        }
        String ip = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf("]:");
            if (close < 0) {
                throw new UsageException("invalid IP address: " + rest);
            }
            ip = rest.substring(1, close);
            rest = rest.substring(close + 2);
        }
        String[] parts = rest.split(":", -1);
        String hostPort = "";
        String containerPort;
        switch (parts.length) {
            case 1 -> containerPort = parts[0];
            case 2 -> {
                hostPort = parts[0];
                containerPort = parts[1];
            }
            case 3 -> {
                if (!ip.isEmpty()) {
                    throw new UsageException("invalid IP address: " + spec);
                }
                ip = parts[0];
                hostPort = parts[1];
                containerPort = parts[2];
            }
            default -> throw new UsageException("invalid port format: " + spec);
        }
        int[] container = range(containerPort, "invalid containerPort: ");
        int[] host = hostPort.isEmpty() ? null : range(hostPort, "invalid hostPort: ");
        int count = container[1] - container[0] + 1;
        if (host != null && count > 1 && host[1] - host[0] + 1 != count) {
            throw new UsageException("invalid ranges specified for container and host Ports: " + containerPort
                    + " and " + hostPort);
        }
        for (int i = 0; i < count; i++) {
            String key = (container[0] + i) + "/" + proto;
            exposedPorts.putObject(key);
            String bound = host == null ? "" : count > 1 ? Integer.toString(host[0] + i) : hostPort;
            ArrayNode bindings = portBindings.has(key) ? (ArrayNode) portBindings.get(key) : portBindings.putArray(key);
            bindings.addObject().put("HostIp", ip).put("HostPort", bound);
        }
    }

    /** {low, high} of {@code 80} or {@code 80-90}. */
    private static int[] range(String text, String error) throws UsageException {
        int dash = text.indexOf('-');
        int low = PortNumbers.parse(dash < 0 ? text : text.substring(0, dash));
        int high = dash < 0 ? low : PortNumbers.parse(text.substring(dash + 1));
        if (low < 0 || high < low) {
            throw new UsageException(error + text);
        }
        return new int[] {low, high};
    }
}
