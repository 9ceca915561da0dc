package org.safercities.partnerships;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers derived from the actors and relationships, kept per key for one generation of the service's data
 * ({@link PartnershipService#generation()}): a new generation empties it. Bounded: when full it is emptied too.
 */
final class DerivedCache {

    private record Entries(long generation, Map<String, byte[]> byKey) {
    }

    private final int limit;
    private volatile Entries entries = new Entries(-1, new ConcurrentHashMap<>());

    DerivedCache(int limit) {
        this.limit = limit;
    }

    /** The bytes for {@code key} in {@code generation}, made by {@code make} when not kept yet. */
    byte[] get(long generation, String key, Supplier<byte[]> make) {
        Entries e = entries;
        if (e.generation() != generation || e.byKey().size() >= limit) {
            e = new Entries(generation, new ConcurrentHashMap<>());
            entries = e;
        }
        byte[] kept = e.byKey().get(key);
        if (kept == null) {
            kept = make.get();
            e.byKey().put(key, kept);
        }
        return kept;
    }
}
