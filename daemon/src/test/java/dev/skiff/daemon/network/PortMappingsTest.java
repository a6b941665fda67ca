package dev.skiff.daemon.network;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.errors.ErrorKind;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PortMappingsTest {
    private static Map<String, Object> binding(String hostIp, String hostPort) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("HostIp", hostIp);
        b.put("HostPort", hostPort);
        return b;
    }

    @Test
    void bindingsAsTheCliSendsThem() {
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("80/tcp", List.of(binding("", "8080"), binding("127.0.0.1", "9090")));
        bindings.put("53/udp", List.of(binding("", "")));
        bindings.put("443", List.of(binding("::1", "8000-8010")));
        bindings.put("8443/tcp", List.of(binding("10.0.0.255", "8443")));
        assertEquals(List.of(
                new PortMapping("tcp", 80, "", 8080, 8080),
                new PortMapping("tcp", 80, "127.0.0.1", 9090, 9090),
                new PortMapping("udp", 53, "", 0, 0),
                new PortMapping("tcp", 443, "::1", 8000, 8010),
                new PortMapping("tcp", 8443, "10.0.0.255", 8443, 8443)), PortMappings.of(bindings, false, Map.of()));
    }

    @Test
    void publishAllAddsEveryExposedPortNotBoundAlreadyOnAFreePort() {
        Map<String, Object> bindings = Map.of("80/tcp", List.of(binding("", "8080")));
        Map<String, Object> exposed = new LinkedHashMap<>();
        exposed.put("80/tcp", Map.of());
        exposed.put("81/tcp", Map.of());
        exposed.put("53/udp", Map.of());
        assertEquals(List.of(new PortMapping("tcp", 80, "", 8080, 8080), new PortMapping("tcp", 81, "", 0, 0),
                new PortMapping("udp", 53, "", 0, 0)), PortMappings.of(bindings, true, exposed));
        assertEquals(List.of(new PortMapping("tcp", 80, "", 8080, 8080)), PortMappings.of(bindings, false, exposed));
    }

    @Test
    void badPortsAreRefusedWithDockerdsTexts() {
        for (Object[] c : new Object[][] {
                {Map.of("http/tcp", List.of()), "invalid port specification: \"http\""},
                {Map.of("70000/tcp", List.of()), "invalid port specification: \"70000\""},
                {Map.of("80/icmp", List.of()), "invalid proto: icmp"},
                {Map.of("80/tcp", List.of(binding("", "80a"))), "invalid port specification: \"80a\""},
                {Map.of("80/tcp", List.of(binding("", "9000-8000"))), "invalid port specification: \"9000-8000\""},
                // a name is not an address: it would be looked up in DNS at every start
                {Map.of("80/tcp", List.of(binding("localhost", "8080"))), "invalid IP address: localhost"},
                {Map.of("80/tcp", List.of(binding("256.0.0.1", "8080"))), "invalid IP address: 256.0.0.1"},
                {Map.of("80/tcp", List.of(binding("fe80::1::2", "8080"))), "invalid IP address: fe80::1::2"}}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> bindings = (Map<String, Object>) c[0];
            EngineException e = assertThrows(EngineException.class, () -> PortMappings.of(bindings, false, Map.of()));
            assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
            assertEquals(c[1], e.getMessage());
        }
    }
}
