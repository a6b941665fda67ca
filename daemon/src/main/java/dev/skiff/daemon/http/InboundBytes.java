package dev.skiff.daemon.http;

import dev.skiff.runtime.files.ChannelInput;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes arriving on a channel, read by a worker thread as an InputStream. The event loop
 * offers buffers; when more than {@link #HIGH_WATER} bytes wait, reading from the socket stops
 * until the reader has drained below {@link #LOW_WATER}, so a slow consumer (layer extraction,
 * a container's stdin) never makes the daemon buffer a whole upload.
 */
final class InboundBytes extends InputStream implements ChannelInput {
    static final int HIGH_WATER = 1 << 20;
    static final int LOW_WATER = 256 << 10;
    /**
     * How much a transfer waits for before it writes: few, large writes and few wake-ups. Below
     * HIGH_WATER, so the channel keeps reading until that much is there.
     */
    static final int TRANSFER_BATCH = 256 << 10;

    private final Channel channel;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long queued;
    private boolean ended;
    private boolean discarding;
    private String failure;
    /** Queued bytes at which the waiting reader wants to be woken. */
    private long awaited = 1;

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
        if (queued >= awaited) {
            notifyAll();
        }
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
        consumed(n);
        return n;
    }

    @Override
    public long transferTo(GatheringByteChannel out, long max) throws IOException {
        if (max <= 0) {
            return 0;
        }
        List<ByteBuf> taken = new ArrayList<>();
        long n = 0;
        synchronized (this) {
            awaited = Math.min(max, TRANSFER_BATCH);
            try {
                while (queued < awaited && !ended && !discarding && failure == null) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                awaited = 1;
            }
            if (queue.isEmpty()) {
                if (ended || discarding) {
                    return -1;
                }
                throw new IOException(failure);
            }
            // the buffers leave the queue, so the event loop can go on offering while they are written
            while (n < max && !queue.isEmpty()) {
                ByteBuf head = queue.peek();
                int part = (int) Math.min(max - n, head.readableBytes());
                taken.add(part == head.readableBytes() ? queue.poll() : head.readRetainedSlice(part));
                n += part;
            }
            consumed(n);
        }
        try {
            List<ByteBuffer> parts = new ArrayList<>();
            for (ByteBuf b : taken) {
                parts.addAll(Arrays.asList(b.nioBuffers()));
            }
            ByteBuffer[] bufs = parts.toArray(ByteBuffer[]::new);
            for (long written = 0; written < n; ) {
                written += out.write(bufs);
            }
            return n;
        } finally {
            taken.forEach(ByteBuf::release);
        }
    }

    /** {@code n} queued bytes were handed to the reader: resumes reading from the socket below LOW_WATER. */
    private void consumed(long n) {
        queued -= n;
        if (queued < LOW_WATER && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
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
