package dev.skiff.daemon.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One WWW-Authenticate challenge: {@code Bearer realm="...",service="...",scope="..."} or
 * {@code Basic realm="..."}. Scheme names are case-insensitive and kept lower-case; parameter
 * values may be quoted strings with backslash escapes or bare tokens (RFC 7235).
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** Parses every challenge in the given header values; malformed parts are skipped. */
    public static List<AuthChallenge> parseAll(List<String> headerValues) {
        List<AuthChallenge> out = new ArrayList<>();
        for (String value : headerValues) {
            parseHeader(value, out);
        }
        return out;
    }

    private static void parseHeader(String s, List<AuthChallenge> out) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            i = skip(s, i, " ,");
            int start = i;
            while (i < n && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                return;
            }
            String scheme = s.substring(start, i).toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                int save = i;
                i = skip(s, i, " ,");
                int ks = i;
                while (i < n && isTokenChar(s.charAt(i))) {
                    i++;
                }
                String key = s.substring(ks, i);
                int j = skip(s, i, " ");
                if (key.isEmpty() || j >= n || s.charAt(j) != '=') {
                    i = save;   // not a parameter: the next challenge's scheme begins here
                    break;
                }
                i = skip(s, j + 1, " ");
                StringBuilder value = new StringBuilder();
                if (i < n && s.charAt(i) == '"') {
                    i++;
                    while (i < n && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        value.append(s.charAt(i++));
                    }
                    i++;   // closing quote
                } else {
                    while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                        value.append(s.charAt(i++));
                    }
                }
                params.put(key.toLowerCase(Locale.ROOT), value.toString());
            }
            out.add(new AuthChallenge(scheme, Map.copyOf(params)));
        }
    }

    private static int skip(String s, int i, String chars) {
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={} ".indexOf(c) < 0;
    }
}
