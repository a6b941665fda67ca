package dev.skiff.daemon.json;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Compact JSON for the response trees the routes build (maps, lists, strings, numbers, booleans),
 * byte for byte what {@link Json#MAPPER} writes for them, except that characters beyond the BMP are
 * plain UTF-8 (as in Go's encoder) rather than escaped surrogate pairs. Most responses are encoded before the
 * JIT has compiled anything, and Jackson's general serializers cost an interpreted request more
 * than everything else it does; other values (records, beans) still go through the mapper.
 */
public final class JsonWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] buf = new byte[512];
    private int len;

    private JsonWriter() {
    }

    /** {@code value} as JSON, followed by {@code end} (Go's encoder ends documents with a newline). */
    public static byte[] encode(Object value, byte[] end) {
        JsonWriter w = new JsonWriter();
        w.value(value);
        w.raw(end);
        return Arrays.copyOf(w.buf, w.len);
    }

    private void value(Object v) {
        if (v == null) {
            raw(NULL);
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Map<?, ?> m) {
            object(m);
        } else if (v instanceof Collection<?> items) {
            array(items);
        } else if (v instanceof Boolean b) {
            raw(b ? TRUE : FALSE);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            ascii(v.toString());
        } else if (v instanceof Object[] items) {
            array(Arrays.asList(items));
        } else {
            fallback(v);
        }
    }

    private void object(Map<?, ?> m) {
        put((byte) '{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            string(String.valueOf(e.getKey()));
            put((byte) ':');
            value(e.getValue());
        }
        put((byte) '}');
    }

    private void array(Iterable<?> items) {
        put((byte) '[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            value(item);
        }
        put((byte) ']');
    }

    private void string(String s) {
        ensure(s.length() * 6 + 2);
        buf[len++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xc0 | c >> 6);
                buf[len++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xf0 | cp >> 18);
                buf[len++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buf[len++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buf[len++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);   // a lone surrogate has no UTF-8 form
            } else {
                buf[len++] = (byte) (0xe0 | c >> 12);
                buf[len++] = (byte) (0x80 | c >> 6 & 0x3f);
                buf[len++] = (byte) (0x80 | c & 0x3f);
            }
        }
        buf[len++] = '"';
    }

    private void escape(char c) {
        char short_ = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (short_ != 0) {
            buf[len++] = '\\';
            buf[len++] = (byte) short_;
        } else {
            unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[c >> 12 & 0xf];
        buf[len++] = HEX[c >> 8 & 0xf];
        buf[len++] = HEX[c >> 4 & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    private void fallback(Object v) {
        try {
            raw(Json.MAPPER.writeValueAsBytes(v));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
