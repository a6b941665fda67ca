package dev.skiff.daemon.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A published UDP port: each host peer gets a socket of its own in the container's network, connected
 * to the container port, so that replies find their way back to that peer. A peer's socket goes after
 * 90 s without traffic, as with docker-proxy. Runs on the listener's event loop.
 */
final class UdpRelay extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final long FLOW_IDLE_SECONDS = 90;

    private final PublishedPorts published;
    private final int containerPort;
    private final Map<InetSocketAddress, CompletableFuture<Channel>> flows = new HashMap<>();

    UdpRelay(PublishedPorts published, int containerPort) {
        this.published = published;
        this.containerPort = containerPort;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress peer = packet.sender();
        ByteBuf data = packet.content().retain();
        flows.computeIfAbsent(peer, p -> open(ctx.channel(), p)).whenCompleteAsync((flow, error) -> {
            if (error != null || !flow.isActive()) {
                data.release();
                return;
            }
            flow.writeAndFlush(data);
        }, ctx.channel().eventLoop());
    }

    private CompletableFuture<Channel> open(Channel listener, InetSocketAddress peer) {
        CompletableFuture<Channel> opened = new CompletableFuture<>();
        published.network().connectUdp(containerPort).whenCompleteAsync((socket, error) -> {
            if (error != null) {
                flows.remove(peer);
                opened.completeExceptionally(error);
                return;
            }
            NioDatagramChannel flow = new NioDatagramChannel(socket);
            flow.pipeline().addLast(new IdleStateHandler(0, 0, FLOW_IDLE_SECONDS, TimeUnit.SECONDS),
                    new Replies(listener, peer));
            listener.eventLoop().register(flow).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    flows.remove(peer);
                    opened.completeExceptionally(f.cause());
                    return;
                }
                published.connections().add(flow);
                flow.closeFuture().addListener(c -> flows.remove(peer));
                opened.complete(flow);
            });
        }, listener.eventLoop());
        return opened;
    }

    /** What the container sends back on a peer's socket goes to that peer, from the published port. */
    private static final class Replies extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Channel listener;
        private final InetSocketAddress peer;

        Replies(Channel listener, InetSocketAddress peer) {
            this.listener = listener;
            this.peer = peer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
            listener.writeAndFlush(new DatagramPacket(reply.content().retain(), peer));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }
    }
}
