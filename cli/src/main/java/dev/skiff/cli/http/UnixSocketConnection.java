package dev.skiff.cli.http;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A connected AF_UNIX stream socket (the JDK's own support, no native library) exposed as a pair of
 * streams. The streams call the channel directly rather than going through
 * {@code java.nio.channels.Channels}, whose adapters hold one lock for reads and writes: a hijacked
 * attach must read container output while another thread is still writing stdin.
 */
public final class UnixSocketConnection implements Closeable {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private UnixSocketConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(new ChannelInput(), 16 * 1024);
        this.out = new ChannelOutput();
    }

    public static UnixSocketConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new UnixSocketConnection(channel);
    }

    /** Buffered: bytes the HTTP parser read ahead stay available to whoever reads next. */
    public InputStream input() {
        return in;
    }

    public OutputStream output() {
        return out;
    }

    /** Half-close: the peer sees end of stream while this side can still read. */
    public void shutdownOutput() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private final class ChannelInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n;
            do {
                n = channel.read(ByteBuffer.wrap(b, off, len));
            } while (n == 0);
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private final class ChannelOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            shutdownOutput();
        }
    }
}
