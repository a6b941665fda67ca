package dev.skiff.daemon.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Engine API on a Unix domain socket (Netty, epoll). Netty threads only move bytes; every
 * request runs on a worker thread, where handlers may block on disk, the registry or a container.
 */
public final class ApiServer implements AutoCloseable {
    private static final int MAX_INITIAL_LINE = 64 << 10;
    private static final int MAX_HEADER_SIZE = 64 << 10;

    private final Path socket;
    private final Router router;
    private final EventLoopGroup loop = new EpollEventLoopGroup(1, new DefaultThreadFactory("api-io", true));
    private final ExecutorService workers;
    private Channel server;

    public ApiServer(Path socket, Router router) {
        this.socket = socket;
        this.router = router;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void start() throws IOException, InterruptedException {
        UnixSocketFile.prepare(socket);
        ServerBootstrap b = new ServerBootstrap()
                .group(loop)
                .channel(EpollServerDomainSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // uploads (cp, load, build contexts) arrive in reads of up to 256 KiB, not 64 KiB
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, 256 << 10))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 64 << 10));
                        // clients that ask (curl for uploads over 1 MiB) wait for "100 Continue" before the body
                        ch.pipeline().addLast(new HttpServerExpectContinueHandler());
                        ch.pipeline().addLast(new ApiConnection(router, workers));
                    }
                });
        server = b.bind(new DomainSocketAddress(socket.toFile())).sync().channel();
        UnixSocketFile.restrict(socket);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // a leftover socket file is replaced at the next start
        }
    }
}
