package dev.skiff.daemon.network;

import dev.skiff.daemon.errors.EngineException;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes container ports on the host as dockerd's userland proxy does: a listening socket per
 * published port, and for each connection (or UDP peer) a socket opened inside the container's network
 * namespace to the port on its loopback, with the bytes relayed between the two. One event loop
 * thread serves every container.
 */
public final class PortPublisher implements AutoCloseable {
    private static final boolean IPV6 = Files.exists(Path.of("/proc/net/if_inet6"));

    /** The host ports containers publish now ({@code tcp 0.0.0.0:8080}), to tell a clash between two apart. */
    private final Set<String> allocated = ConcurrentHashMap.newKeySet();
    private EventLoopGroup loop;

    /**
     * Binds the listening sockets of a run (they accept once {@link PublishedPorts#attach} is called);
     * a port that is taken gives dockerd's error and nothing stays bound.
     */
    public PublishedPorts bind(String containerId, String containerName, List<PortMapping> mappings) {
        if (mappings.isEmpty()) {
            return PublishedPorts.NONE;
        }
        EventLoopGroup group = loop();
        PublishedPorts published = new PublishedPorts(new DefaultChannelGroup(group.next(), true), allocated);
        try {
            for (PortMapping m : mappings) {
                bind(published, m, containerId, containerName);
            }
            return published;
        } catch (RuntimeException e) {
            published.close();
            throw e;
        }
    }

    private synchronized EventLoopGroup loop() {
        if (loop == null) {
            AtomicInteger n = new AtomicInteger();
            loop = new NioEventLoopGroup(1, r -> {
                Thread t = new Thread(r, "skiff-ports-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return loop;
    }

    private void bind(PublishedPorts published, PortMapping m, String containerId, String containerName) {
        boolean everywhere = m.hostIp().isEmpty();
        // one dual-stack socket on [::] takes IPv4 connections too; dockerd lists both addresses
        String listenIp = everywhere ? (IPV6 ? "::" : "0.0.0.0") : m.hostIp();
        InetAddress address;
        try {
            address = InetAddress.getByName(listenIp);
        } catch (UnknownHostException e) {
            throw EngineException.invalidParameter("invalid IP address: " + m.hostIp());
        }
        boolean tcp = m.protocol().equals("tcp");
        AbstractBootstrap<?, ?> bootstrap = tcp ? tcpBootstrap(published, m.containerPort())
                : udpBootstrap(published, m.containerPort());
        int low = m.hostPortLow();
        int high = m.hostPortHigh();
        for (int port = low; port <= high; port++) {
            Channel listener = bindOne(bootstrap, new InetSocketAddress(address, port));
            if (listener == null) {
                continue;
            }
            int bound = ((InetSocketAddress) listener.localAddress()).getPort();
            List<PublishedPort> shown = new ArrayList<>();
            if (everywhere) {
                shown.add(new PublishedPort(m.protocol(), m.containerPort(), "0.0.0.0", bound));
                if (IPV6) {
                    shown.add(new PublishedPort(m.protocol(), m.containerPort(), "::", bound));
                }
            } else {
                shown.add(new PublishedPort(m.protocol(), m.containerPort(), m.hostIp(), bound));
            }
            published.add(listener, shown, allocation(m.protocol(), shownIp(m), bound));
            return;
        }
        String ports = low == high ? Integer.toString(low) : low + "-" + high;
        String at = (shownIp(m).contains(":") ? "[" + shownIp(m) + "]" : shownIp(m)) + ":" + ports;
        String why = low == high && allocated.contains(allocation(m.protocol(), shownIp(m), low))
                ? "Bind for " + at + " failed: port is already allocated"
                : "Error starting userland proxy: listen " + m.protocol() + (shownIp(m).contains(":") ? "6 " : "4 ")
                + at + ": bind: address already in use";
        throw EngineException.system("driver failed programming external connectivity on endpoint " + containerName
                + " (" + containerId + "): " + why);
    }

    /** The address dockerd names for a mapping: 0.0.0.0 for every address. */
    private static String shownIp(PortMapping m) {
        return m.hostIp().isEmpty() ? "0.0.0.0" : m.hostIp();
    }

    private static String allocation(String protocol, String ip, int port) {
        return protocol + " " + ip + ":" + port;
    }

    /** The bound channel, or null when the port is taken. */
    private static Channel bindOne(AbstractBootstrap<?, ?> bootstrap, InetSocketAddress at) {
        try {
            return bootstrap.bind(at).syncUninterruptibly().channel();
        } catch (Exception e) {   // Netty rethrows the bind's checked exception as it is
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                return null;
            }
            throw EngineException.system("cannot listen on " + at + ": " + e.getMessage(), e);
        }
    }

    private ServerBootstrap tcpBootstrap(PublishedPorts published, int containerPort) {
        return new ServerBootstrap().group(loop()).channel(NioServerSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        published.connections().add(client);
                        connect(published, client, containerPort);
                    }
                });
    }

    /** Opens the container's end of an accepted connection, then relays; a refused one closes the client's. */
    private static void connect(PublishedPorts published, DuplexChannel client, int containerPort) {
        published.network().connectTcp(containerPort).whenCompleteAsync((socket, error) -> {
            if (error != null) {
                client.close();
                return;
            }
            NioSocketChannel upstream = new NioSocketChannel(socket);
            upstream.config().setAutoRead(false);
            upstream.config().setAllowHalfClosure(true);
            upstream.pipeline().addLast(new TcpRelay(client));
            client.pipeline().addLast(new TcpRelay(upstream));
            client.eventLoop().register(upstream).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    client.close();
                    upstream.close();
                    return;
                }
                published.connections().add(upstream);
                client.read();
                upstream.read();
            });
        }, client.eventLoop());
    }

    private Bootstrap udpBootstrap(PublishedPorts published, int containerPort) {
        return new Bootstrap().group(loop()).channel(NioDatagramChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new UdpRelay(published, containerPort));
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
