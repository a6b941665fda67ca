package dev.skiff.cli.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked body; ends after the last (zero) chunk and its trailers. */
public final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remainingInChunk;
    private boolean finished;

    public ChunkedInputStream(InputStream in) {
        this.in = in;
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
        if (finished || !positionAtData()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remainingInChunk));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        remainingInChunk -= n;
        if (remainingInChunk == 0) {
            expectCrlf();
        }
        return n;
    }

    /** Reads chunk headers until there is data to return; false once the body has ended. */
    private boolean positionAtData() throws IOException {
        while (remainingInChunk == 0) {
            String sizeLine = HttpLines.readLine(in);
            if (sizeLine == null) {
                throw new EOFException("connection closed before the last chunk");
            }
            int extension = sizeLine.indexOf(';');
            String hex = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
            try {
                remainingInChunk = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size line: " + sizeLine);
            }
            if (remainingInChunk < 0) {
                throw new IOException("malformed chunk size line: " + sizeLine);
            }
            if (remainingInChunk == 0) {
                skipTrailers();
                finished = true;
                return false;
            }
        }
        return true;
    }

    private void skipTrailers() throws IOException {
        String line;
        while ((line = HttpLines.readLine(in)) != null && !line.isEmpty()) {
            // trailer fields carry nothing the engine API uses
        }
    }

    private void expectCrlf() throws IOException {
        String rest = HttpLines.readLine(in);
        if (rest == null || !rest.isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
