package dev.skiff.daemon.filesystem;

import dev.skiff.runtime.files.ChannelInput;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * A tar stream read entry by entry (ustar, with PAX and GNU long-name extensions, as docker clients and
 * GNU tar write them). Headers are decoded by commons-compress; this class only frames the stream, so
 * that a regular file's content can go from an input that holds it in native memory (the request
 * body) straight to the file's channel, never copied through the heap.
 *
 * <p>As an InputStream it reads the current entry's content, like TarArchiveInputStream.
 */
final class TarReader extends InputStream {
    private static final int BLOCK = 512;
    /** PAX and GNU long-name data is held in memory: a hostile archive may not make it large. */
    private static final int MAX_METADATA = 1 << 20;
    private static final ZipEncoding UTF8 = ZipEncodingHelper.getZipEncoding("UTF-8");

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private final Map<String, String> globalPax = new HashMap<>();
    /** Content bytes of the current entry not read yet, and the padding after them. */
    private long remaining;
    private long padding;
    private boolean atEnd;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, its content unread; null after the end-of-archive block. */
    TarArchiveEntry next() throws IOException {
        skipContent();
        Map<String, String> pax = new HashMap<>(globalPax);
        String longName = null;
        String longLink = null;
        while (!atEnd) {
            if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                throw new EOFException("truncated tar archive");
            }
            if (isZero(header)) {
                atEnd = true;  // what follows (the second zero block, padding) the caller drains
                return null;
            }
            if (!TarUtils.verifyCheckSum(header)) {
                throw new IOException("invalid tar header checksum");
            }
            TarArchiveEntry e;
            try {
                e = new TarArchiveEntry(header, UTF8, false);
            } catch (IllegalArgumentException | ArithmeticException bad) {
                throw new IOException("invalid tar header: " + bad.getMessage());
            }
            if (e.isGlobalPaxHeader()) {
                globalPax.putAll(parsePax(metadata(e)));
                pax.putAll(globalPax);
            } else if (e.isPaxHeader()) {
                pax.putAll(parsePax(metadata(e)));
            } else if (e.isGNULongNameEntry()) {
                longName = cString(metadata(e));
            } else if (e.isGNULongLinkEntry()) {
                longLink = cString(metadata(e));
            } else {
                if (longName != null) {
                    e.setName(longName);
                }
                if (longLink != null) {
                    e.setLinkName(longLink);
                }
                applyPax(e, pax);
                remaining = e.getSize();
                padding = padding(remaining);
                return e;
            }
        }
        return null;
    }

    /** Writes the rest of the current entry's content to {@code out}. */
    void transferContent(GatheringByteChannel out) throws IOException {
        byte[] heap = null;
        while (remaining > 0) {
            long n;
            if (in instanceof ChannelInput direct) {
                n = direct.transferTo(out, remaining);
            } else {
                heap = heap != null ? heap : new byte[(int) Math.min(remaining, 256 << 10)];
                n = in.read(heap, 0, (int) Math.min(remaining, heap.length));
                if (n > 0) {
                    ByteBuffer b = ByteBuffer.wrap(heap, 0, (int) n);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
            }
            if (n < 0) {
                throw new EOFException("truncated tar archive");
            }
            remaining -= n;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("truncated tar archive");
        }
        remaining -= n;
        return n;
    }

    private void skipContent() throws IOException {
        long skip = remaining + padding;
        remaining = 0;
        padding = 0;
        in.skipNBytes(skip);
    }

    /** The data of a PAX or GNU long-name entry. */
    private byte[] metadata(TarArchiveEntry e) throws IOException {
        long size = e.getSize();
        if (size < 0 || size > MAX_METADATA) {
            throw new IOException("tar extension header of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("truncated tar archive");
        }
        in.skipNBytes(padding(size));
        return data;
    }

    /** PAX records: "LENGTH KEY=VALUE\n", LENGTH counting the whole record. */
    static Map<String, String> parsePax(byte[] data) throws IOException {
        Map<String, String> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("invalid PAX record");
            }
            int end = pos + length;
            if (length <= 0 || end > data.length || space >= end || data[end - 1] != '\n') {
                throw new IOException("invalid PAX record");
            }
            String record = new String(data, space + 1, end - 1 - (space + 1), StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw new IOException("invalid PAX record");
            }
            records.put(record.substring(0, eq), record.substring(eq + 1));
            pos = end;
        }
        return records;
    }

    /** The PAX keys that change where and how an entry is extracted; an empty value leaves the header's. */
    private static void applyPax(TarArchiveEntry e, Map<String, String> pax) throws IOException {
        for (Map.Entry<String, String> r : pax.entrySet()) {
            String v = r.getValue();
            if (r.getKey().startsWith("GNU.sparse.")) {
                throw new IOException("sparse tar entries are not supported");
            }
            if (v.isEmpty()) {
                continue;
            }
            try {
                switch (r.getKey()) {
                    case "path" -> e.setName(v);
                    case "linkpath" -> e.setLinkName(v);
                    case "size" -> e.setSize(Long.parseLong(v));
                    case "uid" -> e.setUserId(Long.parseLong(v));
                    case "gid" -> e.setGroupId(Long.parseLong(v));
                    case "mtime" -> e.setModTime(new Date(paxMillis(v)));
                    default -> {
                        // uname, gname, atime, ctime, xattrs: dockerd does not apply them either
                    }
                }
            } catch (IllegalArgumentException | ArithmeticException bad) {
                throw new IOException("invalid PAX " + r.getKey() + " \"" + v + "\"");
            }
        }
    }

    /** A PAX time, decimal seconds with an optional fraction, in milliseconds (what the entry keeps). */
    private static long paxMillis(String v) {
        int dot = v.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? v : v.substring(0, dot));
        String fraction = dot < 0 ? "" : v.substring(dot + 1);
        if (!fraction.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(v);
        }
        long millis = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00").substring(0, 3));
        return Math.addExact(Math.multiplyExact(seconds, 1000), v.startsWith("-") ? -millis : millis);
    }

    private static String cString(byte[] data) {
        int n = 0;
        while (n < data.length && data[n] != 0) {
            n++;
        }
        return new String(data, 0, n, StandardCharsets.UTF_8);
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
