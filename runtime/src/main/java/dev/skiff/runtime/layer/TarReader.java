package dev.skiff.runtime.layer;

import dev.skiff.runtime.files.ChannelInput;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming reader for the tar dialects found in image layers and in what docker clients send: ustar,
 * GNU (long names 'L'/'K', base-256 numbers) and PAX ('x' and 'g' records). Written here rather than
 * taken from commons-compress because PAX values must stay raw bytes:
 * {@code SCHILY.xattr.security.capability} is binary and does not survive a decode to String.
 *
 * <p>The archive may be hostile: metadata held in memory is capped, and numbers or times that no file
 * can carry refuse the archive.
 */
public final class TarReader {
    private static final int BLOCK = 512;
    private static final String XATTR_PREFIX = "SCHILY.xattr.";
    /** PAX and GNU long-name data is held in memory; 1 MiB is also Go's limit, so dockerd's. */
    private static final int MAX_METADATA = 1 << 20;
    private static final int COPY_BUFFER = 128 * 1024;

    private final InputStream in;
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long remaining;  // content bytes of the current entry not yet consumed
    private long padding;    // zero bytes after the current entry's content
    private boolean ended;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next member, or null at the end-of-archive marker (or a clean end of stream). */
    public TarEntry next() throws IOException {
        skipCurrent();
        if (ended) {
            return null;
        }
        Map<String, byte[]> pax = new LinkedHashMap<>(globalPax);
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            int got = in.readNBytes(header, 0, BLOCK);
            if (got == 0) {
                ended = true;
                return null;
            }
            if (got < BLOCK) {
                throw new EOFException("truncated tar header");
            }
            if (isZero(header)) {
                ended = true;  // a second zero block may follow; the caller drains the stream
                return null;
            }
            verifyChecksum(header);
            byte type = header[156];
            long size = number(header, 124, 12);
            if (size < 0) {
                throw new IOException("invalid tar entry size " + size);
            }
            switch (type) {
                case 'x' -> {
                    parsePax(readMeta(size), pax);
                    continue;
                }
                case 'g' -> {
                    parsePax(readMeta(size), globalPax);
                    pax.putAll(globalPax);
                    continue;
                }
                case 'L' -> {
                    longName = cString(readMeta(size));
                    continue;
                }
                case 'K' -> {
                    longLink = cString(readMeta(size));
                    continue;
                }
                case 'S' -> throw new IOException("sparse tar entries are not supported");
                default -> {
                }
            }
            for (String key : pax.keySet()) {
                if (key.startsWith("GNU.sparse.")) {
                    throw new IOException("sparse tar entries are not supported");
                }
            }
            return entry(header, type, size, pax, longName, longLink);
        }
    }

    /** The content of the current entry; reading past its size returns -1. */
    public InputStream content() {
        return new InputStream() {
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
                    throw new EOFException("truncated tar entry content");
                }
                remaining -= n;
                return n;
            }
        };
    }

    /**
     * Writes the rest of the current entry's content to {@code out}: from an input that is a
     * {@link ChannelInput} straight from its native buffers, else through a heap buffer.
     */
    public void transferContent(GatheringByteChannel out) throws IOException {
        ByteBuffer heap = null;
        while (remaining > 0) {
            long n;
            if (in instanceof ChannelInput direct) {
                n = direct.transferTo(out, remaining);
            } else {
                heap = heap != null ? heap.clear() : ByteBuffer.allocate((int) Math.min(remaining, COPY_BUFFER));
                n = in.read(heap.array(), 0, (int) Math.min(remaining, heap.capacity()));
                heap.limit((int) Math.max(n, 0));
                while (heap.hasRemaining()) {
                    out.write(heap);
                }
            }
            if (n < 0) {
                throw new EOFException("truncated tar entry content");
            }
            remaining -= n;
        }
    }

    private TarEntry entry(byte[] h, byte type, long size, Map<String, byte[]> pax,
                           String longName, String longLink) throws IOException {
        String name = longName != null ? longName : ustarName(h);
        String link = longLink != null ? longLink : cString(Arrays.copyOfRange(h, 157, 257));
        long uid = number(h, 108, 8);
        long gid = number(h, 116, 8);
        long mtime = number(h, 136, 12);
        int mtimeNanos = 0;
        long atime = mtime;
        int atimeNanos = 0;
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            String value = new String(e.getValue(), StandardCharsets.UTF_8);
            switch (e.getKey()) {
                case "path" -> name = value;
                case "linkpath" -> link = value;
                case "size" -> size = paxCount(e.getKey(), value);
                case "uid" -> uid = paxCount(e.getKey(), value);
                case "gid" -> gid = paxCount(e.getKey(), value);
                case "mtime" -> {
                    long[] t = paxTime(e.getKey(), value);
                    mtime = t[0];
                    mtimeNanos = (int) t[1];
                    if (!pax.containsKey("atime")) {
                        atime = mtime;
                        atimeNanos = mtimeNanos;
                    }
                }
                case "atime" -> {
                    long[] t = paxTime(e.getKey(), value);
                    atime = t[0];
                    atimeNanos = (int) t[1];
                }
                default -> {
                    if (e.getKey().startsWith(XATTR_PREFIX)) {
                        xattrs.put(e.getKey().substring(XATTR_PREFIX.length()), e.getValue());
                    }
                }
            }
        }
        if (uid < 0 || gid < 0 || !isInstant(mtime) || !isInstant(atime)) {
            throw new IOException("tar entry \"" + name + "\" has an invalid owner or time");
        }
        if (type == TarEntry.REGULAR_OLD && name.endsWith("/")) {
            type = TarEntry.DIRECTORY;
        }
        boolean hasContent = type != TarEntry.DIRECTORY && type != TarEntry.SYMLINK
                && type != TarEntry.HARD_LINK && type != TarEntry.CHAR_DEVICE
                && type != TarEntry.BLOCK_DEVICE && type != TarEntry.FIFO;
        remaining = hasContent ? size : 0;
        padding = hasContent ? pad(size) : 0;
        int mode = (int) (number(h, 100, 8) & 07777);
        int major = (int) number(h, 329, 8);
        int minor = (int) number(h, 337, 8);
        return new TarEntry(name, type, hasContent ? size : 0, mode, uid, gid, mtime, mtimeNanos,
                atime, atimeNanos, link, major, minor, Map.copyOf(xattrs));
    }

    private void skipCurrent() throws IOException {
        long toSkip = remaining + padding;
        remaining = 0;
        padding = 0;
        skipFully(toSkip);
    }

    /** Reads (never skip()s) past n bytes: a digesting stream underneath must see every byte. */
    private void skipFully(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 64 * 1024)];
        while (n > 0) {
            int got = in.read(scratch, 0, (int) Math.min(n, scratch.length));
            if (got < 0) {
                throw new EOFException("truncated tar stream");
            }
            n -= got;
        }
    }

    private byte[] readMeta(long size) throws IOException {
        if (size > MAX_METADATA) {
            throw new IOException("tar metadata record of " + size + " bytes is too large");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("truncated tar metadata record");
        }
        skipFully(pad(size));
        return data;
    }

    /** PAX records: "<len> <key>=<value>\n", where len counts the whole record in bytes. */
    static void parsePax(byte[] data, Map<String, byte[]> into) throws IOException {
        int pos = 0;
        while (pos < data.length) {
            int space = indexOf(data, (byte) ' ', pos);
            if (space < 0) {
                throw new IOException("malformed PAX record");
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed PAX record length");
            }
            int end = pos + len;
            if (len <= 0 || end > data.length || data[end - 1] != '\n') {
                throw new IOException("malformed PAX record");
            }
            int eq = indexOf(data, (byte) '=', space + 1);
            if (eq < 0 || eq >= end) {
                throw new IOException("malformed PAX record");
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            byte[] value = Arrays.copyOfRange(data, eq + 1, end - 1);
            if (value.length == 0) {
                into.remove(key);  // an empty value deletes the keyword
            } else {
                into.put(key, value);
            }
            pos = end;
        }
    }

    /** A PAX size or id: a decimal number, not negative. */
    private static long paxCount(String key, String value) throws IOException {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw invalidPax(key, value);
    }

    /**
     * A PAX time, "1700000000.123456789" or "-5.5", to {seconds, nanos}; refused when no file time
     * can hold it.
     */
    static long[] paxTime(String key, String value) throws IOException {
        int dot = value.indexOf('.');
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        if (fraction.length() > 0 && !fraction.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalidPax(key, value);
        }
        long seconds;
        try {
            seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
        } catch (NumberFormatException e) {
            throw invalidPax(key, value);
        }
        long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        if (value.startsWith("-") && nanos > 0) {
            seconds -= 1;
            nanos = 1_000_000_000 - nanos;
        }
        if (!isInstant(seconds)) {
            throw invalidPax(key, value);
        }
        return new long[]{seconds, nanos};
    }

    private static boolean isInstant(long epochSecond) {
        return epochSecond >= Instant.MIN.getEpochSecond() && epochSecond <= Instant.MAX.getEpochSecond();
    }

    private static IOException invalidPax(String key, String value) {
        return new IOException("invalid PAX " + key + " \"" + value + "\"");
    }

    private static String ustarName(byte[] h) {
        String name = cString(Arrays.copyOfRange(h, 0, 100));
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a'
                && h[261] == 'r' && h[262] == 0;
        if (ustar) {
            String prefix = cString(Arrays.copyOfRange(h, 345, 500));
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    /**
     * Octal (NUL/space terminated) or GNU base-256: the high bit of the first byte set, the rest a
     * big-endian two's complement number whose sign is the next bit.
     */
    static long number(byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) {
            // a negative number is read with its bits inverted, as the positive ~v
            int invert = (h[off] & 0x40) != 0 ? 0xff : 0;
            long v = (h[off] ^ invert) & 0x3f;
            for (int i = 1; i < len; i++) {
                if ((v >>> 55) != 0) {
                    throw new IOException("tar header number out of range");
                }
                v = (v << 8) | ((h[off + i] ^ invert) & 0xff);
            }
            return invert != 0 ? ~v : v;
        }
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        for (; i < end && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7') {
                throw new IOException("invalid octal number in tar header");
            }
            v = (v << 3) + (h[i] - '0');
        }
        return v;
    }

    private static void verifyChecksum(byte[] h) throws IOException {
        long stored = number(h, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = (i >= 148 && i < 156) ? (byte) ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new IOException("invalid tar header checksum");
        }
    }

    private static String cString(byte[] b) {
        int end = indexOf(b, (byte) 0, 0);
        return new String(b, 0, end < 0 ? b.length : end, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }
}
