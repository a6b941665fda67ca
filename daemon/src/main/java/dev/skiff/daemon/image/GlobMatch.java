package dev.skiff.daemon.image;

import dev.skiff.daemon.errors.EngineException;

/**
 * Go's path.Match, which dockerd uses for the images "reference" filter: '*' and '?' never
 * match '/', character classes [a-z] and [^a-z], backslash escapes.
 */
final class GlobMatch {
    private GlobMatch() {
    }

    static boolean matches(String pattern, String name) {
        outer:
        while (!pattern.isEmpty()) {
            boolean star = false;
            while (!pattern.isEmpty() && pattern.charAt(0) == '*') {
                pattern = pattern.substring(1);
                star = true;
            }
            int end = chunkEnd(pattern);
            String chunk = pattern.substring(0, end);
            pattern = pattern.substring(end);
            if (star && chunk.isEmpty()) {
                return name.indexOf('/') < 0;   // a trailing * matches the rest unless it has a '/'
            }
            String rest = matchChunk(chunk, name);
            if (rest != null && (rest.isEmpty() || !pattern.isEmpty())) {
                name = rest;
                continue;
            }
            if (star) {
                for (int i = 0; i < name.length() && name.charAt(i) != '/'; i++) {
                    rest = matchChunk(chunk, name.substring(i + 1));
                    if (rest != null) {
                        if (pattern.isEmpty() && !rest.isEmpty()) {
                            continue;
                        }
                        name = rest;
                        continue outer;
                    }
                }
            }
            return false;
        }
        return name.isEmpty();
    }

    private static int chunkEnd(String p) {
        boolean inRange = false;
        int i = 0;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 < p.length()) {
                    i++;
                }
            } else if (c == '[') {
                inRange = true;
            } else if (c == ']') {
                inRange = false;
            } else if (c == '*' && !inRange) {
                break;
            }
        }
        return i;
    }

    /** The rest of {@code s} after {@code chunk} matched its start, or null. */
    private static String matchChunk(String chunk, String s) {
        boolean failed = false;
        int ci = 0;
        int si = 0;
        while (ci < chunk.length()) {
            if (!failed && si >= s.length()) {
                failed = true;
            }
            char c = chunk.charAt(ci);
            if (c == '[') {
                char r = 0;
                if (!failed) {
                    r = s.charAt(si++);
                }
                ci++;
                boolean negated = ci < chunk.length() && chunk.charAt(ci) == '^';
                if (negated) {
                    ci++;
                }
                boolean match = false;
                int ranges = 0;
                while (true) {
                    if (ci < chunk.length() && chunk.charAt(ci) == ']' && ranges > 0) {
                        ci++;
                        break;
                    }
                    int[] lo = escaped(chunk, ci);
                    ci = lo[1];
                    int hi = lo[0];
                    if (chunk.charAt(ci) == '-') {
                        int[] h = escaped(chunk, ci + 1);
                        hi = h[0];
                        ci = h[1];
                    }
                    if (lo[0] <= r && r <= hi) {
                        match = true;
                    }
                    ranges++;
                }
                if (match == negated) {
                    failed = true;
                }
            } else if (c == '?') {
                if (!failed) {
                    if (s.charAt(si) == '/') {
                        failed = true;
                    }
                    si++;
                }
                ci++;
            } else {
                if (c == '\\') {
                    ci++;
                    if (ci >= chunk.length()) {
                        throw badPattern();
                    }
                }
                if (!failed) {
                    if (chunk.charAt(ci) != s.charAt(si)) {
                        failed = true;
                    }
                    si++;
                }
                ci++;
            }
        }
        return failed ? null : s.substring(si);
    }

    /** {char, index after it}; a range bound that is missing or malformed is a bad pattern. */
    private static int[] escaped(String chunk, int i) {
        if (i >= chunk.length() || chunk.charAt(i) == '-' || chunk.charAt(i) == ']') {
            throw badPattern();
        }
        if (chunk.charAt(i) == '\\') {
            i++;
            if (i >= chunk.length()) {
                throw badPattern();
            }
        }
        char r = chunk.charAt(i);
        if (i + 1 >= chunk.length()) {
            throw badPattern();
        }
        return new int[]{r, i + 1};
    }

    private static EngineException badPattern() {
        return EngineException.invalidParameter("syntax error in pattern");
    }
}
