package dev.skiff.daemon.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/** An in-memory pipe whose ends may be used from any thread (unlike java.io's piped streams). */
final class TestPipe {
    private final ArrayDeque<Byte> bytes = new ArrayDeque<>();
    private boolean closed;

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            synchronized (TestPipe.this) {
                while (bytes.isEmpty() && !closed) {
                    try {
                        TestPipe.this.wait();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                if (bytes.isEmpty()) {
                    return -1;
                }
                int n = 0;
                while (n < len && !bytes.isEmpty()) {
                    b[off + n++] = bytes.poll();
                }
                return n;
            }
        }

        @Override
        public void close() {
            TestPipe.this.close();
        }
    };

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            synchronized (TestPipe.this) {
                if (closed) {
                    throw new IOException("pipe closed");
                }
                bytes.add((byte) b);
                TestPipe.this.notifyAll();
            }
        }

        /** All at once, as a pipe write of up to PIPE_BUF bytes is: a reader never sees half of it. */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (TestPipe.this) {
                if (closed) {
                    throw new IOException("pipe closed");
                }
                for (int i = off; i < off + len; i++) {
                    bytes.add(b[i]);
                }
                TestPipe.this.notifyAll();
            }
        }

        @Override
        public void close() {
            TestPipe.this.close();
        }
    };

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything written so far (consumes it). */
    synchronized String drain() {
        StringBuilder sb = new StringBuilder();
        byte[] all = new byte[bytes.size()];
        int i = 0;
        while (!bytes.isEmpty()) {
            all[i++] = bytes.poll();
        }
        sb.append(new String(all, StandardCharsets.UTF_8));
        return sb.toString();
    }
}
