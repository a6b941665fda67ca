package dev.skiff.runtime.linux;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** A blocking OutputStream over a file descriptor it owns (a pipe or a pty master). */
public final class FdOutputStream extends OutputStream {
    private final Native nat = Native.get();
    private final int fd;
    private final FdOwner owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    public FdOutputStream(int fd, FdOwner owner) {
        this.fd = fd;
        this.owner = owner;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed.get()) {
            throw new IOException("stream closed");
        }
        byte[] buf = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len);
        int done = 0;
        while (done < len) {
            byte[] rest = done == 0 ? buf : java.util.Arrays.copyOfRange(buf, done, len);
            long n = nat.libc().write(fd, rest, len - done);
            if (n < 0) {
                int errno = nat.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw new LinuxException("write", errno);
            }
            done += (int) n;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.release();
        }
    }
}
