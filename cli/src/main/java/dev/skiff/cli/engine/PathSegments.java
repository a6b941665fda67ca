package dev.skiff.cli.engine;

import java.nio.charset.StandardCharsets;

/**
 * Escapes a user-typed reference for a request path. Names, IDs and image references go in as
 * typed (including ':' and '/' of {@code localhost:5000/team/bb:v1}); only bytes that would change
 * the meaning of the URL are percent-encoded.
 */
final class PathSegments {
    private static final String SAFE = "-._~:@/+!$&'()*,;=";

    private PathSegments() {
    }

    static String escape(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SAFE.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
