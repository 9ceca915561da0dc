package org.safercities.platform.links;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a module publishes its small public API for the others, and where they look for it. Every module
 * works without the others: {@link #find} is empty when the publishing module is switched off, and callers
 * fall back to what they can do alone (a free-text lead partner, a priority without findings).
 *
 * <p>The API types live in this package so that no module depends on another at compile time. Look them up
 * when a request needs them, not at construction: modules are built one after the other.
 */
public final class ModuleLinks {

    private final Map<Class<?>, Object> published = new ConcurrentHashMap<>();

    public <T> void publish(Class<T> api, T implementation) {
        if (published.putIfAbsent(api, implementation) != null) {
            throw new IllegalStateException(api.getSimpleName() + " is already published by another module");
        }
    }

    public <T> Optional<T> find(Class<T> api) {
        return Optional.ofNullable(api.cast(published.get(api)));
    }
}
