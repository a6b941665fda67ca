package dev.skiff.runtime.linux;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** A blocking InputStream over a file descriptor it owns (a pipe or a pty master). */
public final class FdInputStream extends InputStream {
    private final Native nat = Native.get();
    private final int fd;
    private final FdOwner owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param owner closes the fd when this stream is closed; lets two streams share one fd (pty master)
     */
    public FdInputStream(int fd, FdOwner owner) {
        this.fd = fd;
        this.owner = owner;
    }

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
        if (closed.get()) {
            throw new IOException("stream closed");
        }
        byte[] buf = off == 0 ? b : new byte[len];
        while (true) {
            long n = nat.libc().read(fd, buf, len);
            if (n > 0) {
                if (buf != b) {
                    System.arraycopy(buf, 0, b, off, (int) n);
                }
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            int errno = nat.errno();
            if (errno == Errno.EINTR) {
                continue;
            }
            // a pty master reports EIO once the last slave fd is closed: that is the end of the output
            if (errno == Errno.EIO) {
                return -1;
            }
            throw new LinuxException("read", errno);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.release();
        }
    }
}
