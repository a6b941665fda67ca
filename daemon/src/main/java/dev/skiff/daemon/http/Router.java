package dev.skiff.daemon.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Maps a method and a path (without the version prefix) to a handler. Pattern segments are
 * literals, {@code {name}} (one path segment) or {@code {name:.*}} (one or more characters,
 * slashes included, as image names need; only literals may follow it). When several patterns
 * match, the one with the most literal characters wins, so {@code /images/json} beats
 * {@code /images/{name:.*}}.
 *
 * <p>Matching is plain string comparison: it runs for every request, mostly before the JIT has
 * compiled anything, and a regex per route cost more than the rest of a ping.
 */
public final class Router {
    private static final Predicate<ApiRequest> NEVER = req -> false;
    private static final Predicate<ApiRequest> ALWAYS = req -> true;

    private final List<Route> routes = new ArrayList<>();

    /** A route whose handler runs on a worker thread, where it may block on disk, a registry or a container. */
    public void add(String method, String pattern, RouteHandler handler) {
        routes.add(new Route(method, Part.parse(pattern), NEVER, handler));
    }

    /**
     * A route whose handler only reads memory (no disk, no lock held across I/O): it runs on the
     * connection's I/O thread once the whole request has arrived, so a short request costs no
     * hand-off between threads. It must not hijack the connection.
     */
    public void addInMemory(String method, String pattern, RouteHandler handler) {
        addInMemory(method, pattern, ALWAYS, handler);
    }

    /** As {@link #addInMemory(String, String, RouteHandler)} for the requests {@code when} accepts, on a worker for the others. */
    public void addInMemory(String method, String pattern, Predicate<ApiRequest> when, RouteHandler handler) {
        routes.add(new Route(method, Part.parse(pattern), when, handler));
    }

    public void addAll(Routes... groups) {
        for (Routes g : groups) {
            g.register(this);
        }
    }

    /** The best route for this request, or null when no route matches path and method. */
    public Match match(String method, String path) {
        Route best = null;
        String[] bestValues = null;
        boolean head = method.equals("HEAD");
        for (Route r : routes) {
            boolean exact = r.method.equals(method);
            if (!exact && !(head && r.method.equals("GET"))) {
                continue;
            }
            if (best != null && (r.literal < best.literal
                    || r.literal == best.literal && (best.method.equals(method) || !exact))) {
                continue;
            }
            String[] values = r.match(path);
            if (values != null) {
                best = r;
                bestValues = values;
            }
        }
        return best == null ? null : best.toMatch(bestValues, best.method.equals(method));
    }

    /** A matched route: its handler, the decoded path parameters and which requests it answers from memory. */
    public record Match(RouteHandler handler, Map<String, String> params, boolean exactMethod, Predicate<ApiRequest> inMemory) {
    }

    /** A piece of a pattern: literal text, a one-segment parameter or a greedy one. */
    private record Part(String literal, String param, boolean greedy) {
        static List<Part> parse(String pattern) {
            List<Part> parts = new ArrayList<>();
            int pos = 0;
            boolean afterGreedy = false;
            while (pos < pattern.length()) {
                int open = pattern.indexOf('{', pos);
                if (open < 0) {
                    parts.add(new Part(pattern.substring(pos), null, false));
                    break;
                }
                if (afterGreedy) {
                    throw new IllegalArgumentException("only literals may follow a greedy parameter: " + pattern);
                }
                int close = pattern.indexOf('}', open);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed parameter in " + pattern);
                }
                if (open > pos) {
                    parts.add(new Part(pattern.substring(pos, open), null, false));
                }
                String spec = pattern.substring(open + 1, close);
                boolean greedy = spec.endsWith(":.*");
                parts.add(new Part(null, greedy ? spec.substring(0, spec.length() - 3) : spec, greedy));
                afterGreedy = greedy;
                pos = close + 1;
            }
            return List.copyOf(parts);
        }
    }

    private static final class Route {
        private static final String[] NO_VALUES = new String[0];

        final String method;
        final List<Part> parts;
        final Predicate<ApiRequest> inMemory;
        final RouteHandler handler;
        final int literal;
        final int paramCount;

        Route(String method, List<Part> parts, Predicate<ApiRequest> inMemory, RouteHandler handler) {
            this.method = method;
            this.parts = parts;
            this.inMemory = inMemory;
            this.handler = handler;
            this.literal = parts.stream().filter(p -> p.literal != null).mapToInt(p -> p.literal.length()).sum();
            this.paramCount = (int) parts.stream().filter(p -> p.param != null).count();
        }

        /** The raw parameter values when {@code path} matches, else null. */
        String[] match(String path) {
            String[] values = paramCount == 0 ? NO_VALUES : new String[paramCount];
            int pos = 0;
            int v = 0;
            for (int i = 0; i < parts.size(); i++) {
                Part p = parts.get(i);
                if (p.literal != null) {
                    if (!path.startsWith(p.literal, pos)) {
                        return null;
                    }
                    pos += p.literal.length();
                } else if (p.greedy) {
                    int end = path.length() - suffixLength(i + 1);
                    if (end <= pos) {
                        return null;
                    }
                    values[v++] = path.substring(pos, end);
                    pos = end;
                } else {
                    int slash = path.indexOf('/', pos);
                    int end = slash < 0 ? path.length() : slash;
                    if (end == pos) {
                        return null;
                    }
                    values[v++] = path.substring(pos, end);
                    pos = end;
                }
            }
            return pos == path.length() ? values : null;
        }

        private int suffixLength(int from) {
            int n = 0;
            for (int i = from; i < parts.size(); i++) {
                n += parts.get(i).literal.length();
            }
            return n;
        }

        Match toMatch(String[] values, boolean exact) {
            if (paramCount == 0) {
                return new Match(handler, Map.of(), exact, inMemory);
            }
            @SuppressWarnings("unchecked")
            Map.Entry<String, String>[] params = new Map.Entry[paramCount];
            int v = 0;
            for (Part p : parts) {
                if (p.param != null) {
                    params[v] = Map.entry(p.param, decode(values[v]));
                    v++;
                }
            }
            return new Match(handler, Map.ofEntries(params), exact, inMemory);
        }

        /** Percent-decoding of a path segment; unlike a query, '+' is a plus sign. */
        private static String decode(String raw) {
            return raw.indexOf('%') < 0 ? raw : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }
}
