package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;
import dev.skiff.daemon.filters.Filters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The selection of {@code GET /containers/json}: dockerd's filters, newest first, limit. */
final class ContainerQueries {
    static final Set<String> ACCEPTED = Set.of("ancestor", "before", "exited", "id", "label", "name", "status",
            "health", "since", "volume", "network", "is-task", "publish", "expose");
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");
    private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy", "none");

    private final Filters filters;
    private final Instant before;
    private final Instant since;
    private final List<String> ancestorIds = new ArrayList<>();
    private final List<Integer> exitCodes = new ArrayList<>();

    /**
     * @param lookup   resolves a container reference of {@code before}/{@code since} (404 when unknown)
     * @param imageIds resolves an image reference of {@code ancestor} to its id, or null
     */
    ContainerQueries(Filters filters, Function<String, ContainerRecord> lookup, Function<String, String> imageIds,
                     Instant now) {
        this.filters = filters.validate(ACCEPTED);
        for (String s : filters.get("status")) {
            if (!STATUSES.contains(s)) {
                throw EngineException.invalidParameter("Unrecognised filter value for status: " + s);
            }
        }
        for (String h : filters.get("health")) {
            if (!HEALTH.contains(h)) {
                throw EngineException.invalidParameter("Unrecognised filter value for health: " + h);
            }
        }
        for (String t : filters.get("is-task")) {
            if (!t.equals("true") && !t.equals("false")) {
                throw EngineException.invalidParameter("Unrecognised filter value for is-task: " + t);
            }
        }
        for (String e : filters.get("exited")) {
            try {
                exitCodes.add(Integer.parseInt(e));
            } catch (NumberFormatException ex) {
                throw EngineException.invalidParameter("strconv.Atoi: parsing \"" + e + "\": invalid syntax");
            }
        }
        this.before = filters.get("before").stream().map(ref -> lookup.apply(ref).created())
                .min(Comparator.naturalOrder()).orElse(null);
        this.since = filters.get("since").stream().map(ref -> lookup.apply(ref).created())
                .max(Comparator.naturalOrder()).orElse(null);
        for (String a : filters.get("ancestor")) {
            String id = imageIds.apply(a);
            if (id != null) {
                ancestorIds.add(id);
            }
        }
    }

    /** Newest first; stopped containers only when asked for (or with a limit, as {@code -n}/{@code -l} do). */
    List<ContainerRecord> select(List<ContainerRecord> all, boolean includeStopped, int limit) {
        List<ContainerRecord> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(ContainerRecord::created).reversed());
        List<ContainerRecord> out = new ArrayList<>();
        for (ContainerRecord r : sorted) {
            if (!includeStopped && !r.state().status().isActive()) {
                continue;
            }
            if (matches(r)) {
                out.add(r);
                if (limit > 0 && out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    boolean matches(ContainerRecord r) {
        ContainerConfig c = r.config();
        ContainerState s = r.state();
        if (!filters.matchesPattern("name", r.name()) && !filters.matchesPattern("name", "/" + r.name())) {
            return false;
        }
        if (filters.has("id") && filters.get("id").stream().noneMatch(r.id()::startsWith)) {
            return false;
        }
        if (!filters.matchesLabels("label", c.labels())) {
            return false;
        }
        if (!filters.matchesExactly("status", s.status().apiName())) {
            return false;
        }
        if (!exitCodes.isEmpty() && (s.status() != ContainerStatus.EXITED || !exitCodes.contains(s.exitCode()))) {
            return false;
        }
        if (before != null && !r.created().isBefore(before)) {
            return false;
        }
        if (since != null && !r.created().isAfter(since)) {
            return false;
        }
        if (filters.has("ancestor") && !ancestorIds.contains(r.imageId())
                && !filters.get("ancestor").contains(c.image())) {
            return false;
        }
        if (!filters.matchesExactly("health", "none")) {
            return false;
        }
        if (!filters.matchesExactly("is-task", "false")) {
            return false;
        }
        if (filters.has("expose") && filters.get("expose").stream().noneMatch(p -> hasPort(c.exposedPorts(), p))) {
            return false;
        }
        if (filters.has("publish") && filters.get("publish").stream().noneMatch(p -> publishes(r.hostConfig(), p))) {
            return false;
        }
        if (filters.has("volume") && filters.get("volume").stream().noneMatch(v -> mounts(r.hostConfig(), v))) {
            return false;
        }
        String network = r.hostConfig().networkMode().equals("default") ? "bridge" : r.hostConfig().networkMode();
        return filters.matchesExactly("network", network);
    }

    private static boolean hasPort(Map<String, Object> ports, String want) {
        if (ports == null) {
            return false;
        }
        String full = want.contains("/") ? want : want + "/tcp";
        return ports.containsKey(full);
    }

    private static boolean publishes(HostConfig h, String want) {
        String port = want.contains("/") ? want.substring(0, want.indexOf('/')) : want;
        for (Object bindings : h.portBindings().values()) {
            if (bindings instanceof List<?> list) {
                for (Object b : list) {
                    if (b instanceof Map<?, ?> m && port.equals(String.valueOf(m.get("HostPort")))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean mounts(HostConfig h, String want) {
        return Binds.parse(h.binds()).stream().anyMatch(b -> b.source().equals(want) || b.destination().equals(want));
    }

    static boolean matchesAnyLabel(Collection<String> wanted, Map<String, String> labels) {
        for (String w : wanted) {
            int eq = w.indexOf('=');
            if (eq < 0 ? labels.containsKey(w) : w.substring(eq + 1).equals(labels.get(w.substring(0, eq)))) {
                return true;
            }
        }
        return false;
    }
}
