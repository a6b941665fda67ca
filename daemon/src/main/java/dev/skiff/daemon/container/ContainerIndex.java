package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's containers by id and by name, with dockerd's lookup rules: a full id, then a name, then
 * a unique id prefix. Names are unique; a name is reserved before the container exists on disk.
 */
final class ContainerIndex<T> {
    private final Map<String, T> byId = new LinkedHashMap<>();
    private final Map<String, String> idByName = new HashMap<>();

    synchronized void add(String id, T container) {
        byId.put(id, container);
    }

    synchronized void remove(String id) {
        byId.remove(id);
        idByName.values().removeIf(id::equals);
    }

    /** Takes {@code name} for {@code id}; dockerd's conflict message when another container holds it. */
    synchronized void reserveName(String name, String id) {
        String holder = idByName.get(name);
        if (holder != null && !holder.equals(id)) {
            throw EngineException.conflict("Conflict. The container name \"/" + name
                    + "\" is already in use by container \"" + holder
                    + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
        idByName.put(name, id);
    }

    synchronized boolean isNameFree(String name) {
        return !idByName.containsKey(name);
    }

    synchronized void releaseName(String name, String id) {
        idByName.remove(name, id);
    }

    /** Resolves what a client typed; null when nothing matches. */
    synchronized T find(String ref) {
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        T exact = byId.get(ref);
        if (exact != null) {
            return exact;
        }
        String name = ref.startsWith("/") ? ref.substring(1) : ref;
        String named = idByName.get(name);
        if (named != null) {
            return byId.get(named);
        }
        T match = null;
        for (Map.Entry<String, T> e : byId.entrySet()) {
            if (e.getKey().startsWith(ref)) {
                if (match != null) {
                    throw EngineException.system("Multiple IDs found with provided prefix: " + ref);
                }
                match = e.getValue();
            }
        }
        return match;
    }

    /** Like {@link #find} but a miss is dockerd's 404. */
    T get(String ref) {
        T c = find(ref);
        if (c == null) {
            throw EngineException.notFound("No such container: " + ref);
        }
        return c;
    }

    synchronized List<T> all() {
        return new ArrayList<>(byId.values());
    }
}
