package org.safercities.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The content of recently read versions and the views derived from it (action rows, totals, costs, exports, the
 * timeline, the history), kept until the content changes. A version's {@code stamp} rises in the same transaction
 * as every change to its content, so an entry read under an older stamp is never used again: an adopted (read-only)
 * version keeps its views for as long as it stays among the {@link #MAX_VERSIONS} most recently read, a draft until
 * its next edit. Views that show area names or amounts also depend on the area tree and the city's currency: an
 * entry remembers which it was made with and is dropped when either changes.
 */
final class VersionCache {

    /** A 500-action version with its views is a few MB; the kit runs in a 128 MB heap. */
    static final int MAX_VERSIONS = 4;

    /** What the views of a version are made from, read in one go. */
    record Content(StrategyVersion version, List<Priority> priorities, List<Objective> objectives, List<Action> actions,
            List<BudgetLine> budget) {
    }

    /**
     * A cached version: its content, what it was made with, and its derived views by name (each name says the
     * language and options it was made for).
     */
    /** More views than six languages' pages and documents of one version need; past it they are made again. */
    static final int MAX_VIEWS = 128;

    static final class Entry {
        final long stamp;
        final Object areaTree;
        final String currency;
        final Content content;
        private final Map<String, Object> views = new ConcurrentHashMap<>();

        Entry(long stamp, Object areaTree, String currency, Content content) {
            this.stamp = stamp;
            this.areaTree = areaTree;
            this.currency = currency;
            this.content = content;
        }

        /** The view of this name, made once (two requests at the same moment may both make it: same result). */
        @SuppressWarnings("unchecked")
        <T> T view(String name, Supplier<T> make) {
            Object v = views.get(name);
            if (v == null) {
                v = make.get();
                if (views.size() >= MAX_VIEWS) {
                    // names carry what changes without this version changing (the other version of a diff and
                    // its stamp, today's date): a version kept all day would gather them without end
                    views.clear();
                }
                views.put(name, v);
            }
            return (T) v;
        }

        int viewsKept() {
            return views.size();
        }
    }

    private final Map<Long, Entry> entries = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, VersionCache.Entry> eldest) {
            return size() > MAX_VERSIONS;
        }
    };

    /**
     * The entry of version {@code v} as read now ({@code v.stamp()}), made by {@code load} when there is none or it
     * is older; {@code areaTree} is compared by identity (the area service replaces its tree on every change).
     */
    Entry get(StrategyVersion v, Object areaTree, String currency, Supplier<Content> load) {
        Entry e;
        synchronized (entries) {
            e = entries.get(v.id());
        }
        if (e != null && e.stamp == v.stamp() && e.areaTree == areaTree && e.currency.equals(currency)) {
            return e;
        }
        // read outside the lock: a slow read of one version does not hold up the others
        Entry made = new Entry(v.stamp(), areaTree, currency, load.get());
        synchronized (entries) {
            Entry now = entries.get(v.id());
            if (now == null || now.stamp <= made.stamp) {
                entries.put(v.id(), made);
            }
        }
        return made;
    }
}
