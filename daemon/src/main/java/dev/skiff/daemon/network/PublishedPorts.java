package dev.skiff.daemon.network;

import dev.skiff.runtime.namespace.ContainerNetwork;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The listening sockets of one run of a container and the connections they relay. Bound before the
 * container starts (a taken port fails the start, as with dockerd), they accept once the container's
 * network is known; everything is closed when the run ends.
 */
public final class PublishedPorts implements AutoCloseable {
    /** A run that publishes nothing. */
    public static final PublishedPorts NONE = new PublishedPorts(null, Set.of());

    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final List<PublishedPort> ports = new CopyOnWriteArrayList<>();
    private final ChannelGroup connections;
    private final Set<String> allocated;
    private final List<String> allocations = new CopyOnWriteArrayList<>();
    private volatile ContainerNetwork network;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param connections closes what is added to it after it was closed ({@code stayClosed})
     * @param allocated   the publisher's record of the host ports in use, which this run's join and leave
     */
    PublishedPorts(ChannelGroup connections, Set<String> allocated) {
        this.connections = connections;
        this.allocated = allocated;
    }

    void add(Channel listener, List<PublishedPort> published, String allocation) {
        listeners.add(listener);
        ports.addAll(published);
        allocations.add(allocation);
        allocated.add(allocation);
    }

    /** What is published, as inspect and ps show it. */
    public List<PublishedPort> ports() {
        return List.copyOf(ports);
    }

    /** The container runs: connections now lead to its network. */
    public void attach(ContainerNetwork started) {
        network = started;
        for (Channel l : listeners) {
            l.config().setAutoRead(true);
        }
    }

    ContainerNetwork network() {
        return network;
    }

    ChannelGroup connections() {
        return connections;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Channel l : listeners) {
            l.close().syncUninterruptibly();
        }
        allocations.forEach(allocated::remove);
        if (connections != null) {
            connections.close().syncUninterruptibly();
        }
        ContainerNetwork n = network;
        if (n != null) {
            n.close();
        }
    }
}
