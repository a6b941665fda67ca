package dev.skiff.daemon.http;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Writes from a worker thread (or an in-memory route on the I/O thread) to a channel with back-pressure: after each write the worker
 * waits while the channel's outbound buffer is above its high-water mark, so a fast producer
 * (logs, a tar export, a chatty container) cannot fill the daemon's memory.
 */
final class Outbound {
    private final Channel channel;
    private final Object writable = new Object();

    Outbound(Channel channel) {
        this.channel = channel;
    }

    void write(Object msg) throws IOException {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(msg);
            throw new IOException("client closed the connection");
        }
        channel.writeAndFlush(msg);
        if (!channel.eventLoop().inEventLoop()) {
            // an in-memory route's one response is bounded; the I/O thread must never wait for itself
            awaitWritable();
        }
    }

    private void awaitWritable() throws IOException {
        synchronized (writable) {
            while (channel.isActive() && !channel.isWritable()) {
                try {
                    writable.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
        }
        if (!channel.isActive()) {
            throw new IOException("client closed the connection");
        }
    }

    /** Called on the event loop when writability or activity changes. */
    void wakeUp() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }
}
