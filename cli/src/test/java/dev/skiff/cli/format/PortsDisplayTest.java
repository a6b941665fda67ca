package dev.skiff.cli.format;

import dev.skiff.cli.engine.model.ContainerSummary.Port;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortsDisplayTest {
    @Test
    void publishedPortsOnBothFamilies() {
        assertEquals("0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", PortsDisplay.format(List.of(
                new Port("::", 80, 8080, "tcp"), new Port("0.0.0.0", 80, 8080, "tcp"))));
    }

    @Test
    void exposedPortsMergeIntoRanges() {
        // A range is emitted when a gap closes it; ranges still open at the end follow in first-seen order.
        assertEquals("80-82/tcp, 53/udp, 90/tcp", PortsDisplay.format(List.of(
                new Port(null, 82, 0, "tcp"), new Port(null, 80, 0, "tcp"), new Port(null, 81, 0, "tcp"),
                new Port(null, 90, 0, "tcp"), new Port(null, 53, 0, "udp"))));
    }

    @Test
    void identityMappingsAreShownAsRanges() {
        assertEquals("0.0.0.0:8000-8001->8000-8001/tcp", PortsDisplay.format(List.of(
                new Port("0.0.0.0", 8000, 8000, "tcp"), new Port("0.0.0.0", 8001, 8001, "tcp"))));
        assertEquals("", PortsDisplay.format(List.of()));
    }
}
