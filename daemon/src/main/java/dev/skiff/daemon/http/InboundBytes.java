package dev.skiff.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * Bytes arriving on a channel, read by a worker thread as an InputStream. The event loop
 * offers buffers; when more than {@link #HIGH_WATER} bytes wait, reading from the socket stops
 * until the reader has drained below {@link #LOW_WATER}, so a slow consumer (layer extraction,
 * a container's stdin) never makes the daemon buffer a whole upload.
 */
final class InboundBytes extends InputStream {
    static final int HIGH_WATER = 1 << 20;
    static final int LOW_WATER = 256 << 10;

    private final Channel channel;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long queued;
    private boolean ended;
    private boolean discarding;
    private String failure;

    InboundBytes(Channel channel) {
        this.channel = channel;
    }

    /** Called on the event loop; takes ownership of {@code buf}. */
    synchronized void offer(ByteBuf buf) {
        if (discarding || ended) {
            buf.release();
            return;
        }
        if (!buf.isReadable()) {
            buf.release();
            return;
        }
        queue.add(buf);
        queued += buf.readableBytes();
        if (queued > HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
        notifyAll();
    }

    /** The sender finished (end of body, or half-close of a hijacked connection). */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** The connection went away before the end. */
    synchronized void fail(String reason) {
        if (!ended) {
            failure = reason;
        }
        notifyAll();
    }

    synchronized boolean isEnded() {
        return ended;
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (queue.isEmpty()) {
            if (ended || discarding) {
                return -1;
            }
            if (failure != null) {
                throw new IOException(failure);
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
        // everything that is queued, up to len: a large read drains several network chunks at once
        int n = 0;
        while (n < len && !queue.isEmpty()) {
            ByteBuf head = queue.peek();
            int part = Math.min(len - n, head.readableBytes());
            head.readBytes(b, off + n, part);
            if (!head.isReadable()) {
                queue.poll().release();
            }
            n += part;
        }
        queued -= n;
        if (queued < LOW_WATER && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
        return n;
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, queued);
    }

    /** Drops what is queued and everything that still arrives. */
    @Override
    public synchronized void close() {
        discarding = true;
        ByteBuf b;
        while ((b = queue.poll()) != null) {
            b.release();
        }
        queued = 0;
        if (!channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
        notifyAll();
    }
}
