package dev.skiff.daemon.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a method and a path (without the version prefix) to a handler. Pattern segments are
 * literals, {@code {name}} (one path segment) or {@code {name:.*}} (one or more characters,
 * slashes included, as image names need). When several patterns match, the one with the most
 * literal characters wins, so {@code /images/json} beats {@code /images/{name:.*}}.
 */
public final class Router {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)(:\\.\\*)?}");

    private final List<Route> routes = new ArrayList<>();

    public void add(String method, String pattern, RouteHandler handler) {
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(pattern);
        int last = 0;
        int literal = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pattern.substring(last, m.start())));
            literal += m.start() - last;
            names.add(m.group(1));
            regex.append(m.group(2) == null ? "([^/]+)" : "(.+)");
            last = m.end();
        }
        regex.append(Pattern.quote(pattern.substring(last))).append('$');
        literal += pattern.length() - last;
        int brace = pattern.indexOf('{');
        String prefix = brace < 0 ? pattern : pattern.substring(0, brace);
        routes.add(new Route(method, prefix, Pattern.compile(regex.toString()), names, literal, handler));
    }

    public void addAll(Routes... groups) {
        for (Routes g : groups) {
            g.register(this);
        }
    }

    /** The best route for this request, or null when no route matches path and method. */
    public Match match(String method, String path) {
        Match best = null;
        int bestLiteral = -1;
        for (Route r : routes) {
            if (!r.method.equals(method) && !(method.equals("HEAD") && r.method.equals("GET"))
                    || !path.startsWith(r.prefix)) {
                continue;
            }
            Matcher m = r.pattern.matcher(path);
            if (!m.matches() || r.literal <= bestLiteral) {
                continue;
            }
            if (best != null && r.method.equals("GET") && method.equals("HEAD")
                    && best.exactMethod && r.literal == bestLiteral) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < r.names.size(); i++) {
                params.put(r.names.get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            best = new Match(r.handler, Map.copyOf(params), r.method.equals(method));
            bestLiteral = r.literal;
        }
        return best;
    }

    /** A matched route: its handler and decoded path parameters. */
    public record Match(RouteHandler handler, Map<String, String> params, boolean exactMethod) {
    }

    /** {@code prefix}: the pattern's literal start, checked before the regex (most routes fail it). */
    private record Route(String method, String prefix, Pattern pattern, List<String> names, int literal, RouteHandler handler) {
    }
}
