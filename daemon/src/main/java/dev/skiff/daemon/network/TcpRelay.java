package dev.skiff.daemon.network;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

/**
 * Copies what one end of a published TCP connection reads to the other end, reading again only once
 * the write is done (a slow reader slows the writer, nothing piles up). An end's EOF becomes a
 * shutdown of the other's output once everything before it is written, so half-closed protocols work;
 * when both directions are done, or either fails, both ends are closed.
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {
    private final DuplexChannel peer;

    TcpRelay(DuplexChannel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                closeBoth(ctx.channel());
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        Channel self = ctx.channel();
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written ->
                peer.shutdownOutput().addListener((ChannelFutureListener) shut -> {
                    if (!shut.isSuccess() || peer.isInputShutdown()) {
                        closeBoth(self);
                    }
                }));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeBoth(ctx.channel());
    }

    private void closeBoth(Channel self) {
        self.close();
        peer.close();
    }
}
