package org.safercities.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.safercities.platform.stats.Suppression;

/**
 * Which values to hide outside the office (partner viewers, printed pages, exports). A value shows a count: a rate
 * times its population gives back its numerator, so hiding the value hides the count.
 * <ul>
 * <li>Rates: per indicator and year, each breakdown is a list of counts published with its total — the areas
 * under one parent (with the parent as total; under the root, the city with the incidents of unknown area as a
 * cell of its own that is never shown), the sexes (F, M, O, U) and the age bands (with "unknown"). Each list goes
 * through the platform's {@link Suppression#suppress(long[], int)} (primary and secondary suppression). Then,
 * since an area is a total in one list and a cell in another, the lists are closed: while a list has exactly one
 * hidden entry among its published cells and total, or a hidden total with all its cells shown, its smallest
 * shown non-zero cell is hidden too, until nothing changes.</li>
 * <li>Survey estimates: hidden when fewer than the threshold answered (as the diagnosis does).</li>
 * <li>Entered values with a count of cases from 1 to threshold − 1.</li>
 * </ul>
 * Investment per capita is not a count of people and is never hidden.
 */
final class Disclosure {

    private Disclosure() {
    }

    /** The keys ({@link Value#key()}) of the values to hide. */
    static Set<String> hidden(List<Value> values, Map<String, Long> unpublished, Map<Long, Long> parentOf, long root,
            int threshold) {
        Set<String> hidden = new HashSet<>();
        Map<String, Value> byKey = new HashMap<>();
        Map<String, List<Value>> rateGroups = new HashMap<>();
        for (Value v : values) {
            byKey.put(v.key(), v);
            if (v.method().equals("computed") && v.source().equals(Computed.SURVEY)) {
                if (v.count() != null && v.count() < threshold) {
                    hidden.add(v.key());
                }
            } else if (v.method().equals("computed") && v.source().equals(Computed.INCIDENTS)) {
                rateGroups.computeIfAbsent(v.indicator() + '|' + v.period(), k -> new ArrayList<>()).add(v);
            } else if (v.entered() && v.count() != null && v.count() >= 1 && v.count() < threshold) {
                hidden.add(v.key());
            }
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<Value>> g : rateGroups.entrySet()) {
            groups.addAll(groupsOf(g.getKey(), g.getValue(), unpublished, parentOf, root));
        }
        for (Group g : groups) {
            boolean[] h = Suppression.suppress(g.counts(), threshold);
            for (int i = 0; i < g.keys.size(); i++) {
                if (h[i] && g.keys.get(i) != null) {
                    hidden.add(g.keys.get(i));
                }
            }
            if (h[g.keys.size()] && g.total != null) {
                hidden.add(g.total);
            }
        }
        close(groups, hidden, threshold);
        return hidden;
    }

    /** A list of counts and its total; a null key is a count that is never shown (unknown area, sex O/U without population). */
    private static final class Group {
        final List<String> keys = new ArrayList<>();
        final List<Long> cells = new ArrayList<>();
        String total;
        long totalCount;

        long[] counts() {
            return cells.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static List<Group> groupsOf(String indicatorPeriod, List<Value> values, Map<String, Long> unpublished,
            Map<Long, Long> parentOf, long root) {
        String[] ip = indicatorPeriod.split("\\|", 2);
        Value city = null;
        Map<Long, Value> byArea = new HashMap<>();
        Group sex = new Group();
        Group age = new Group();
        for (Value v : values) {
            if (v.cityWide()) {
                city = v;
            } else if (v.area() != 0) {
                byArea.put(v.area(), v);
            } else if (!v.sex().isEmpty()) {
                sex.keys.add(v.key());
                sex.cells.add(v.count());
            } else {
                age.keys.add(v.key());
                age.cells.add(v.count());
            }
        }
        List<Group> out = new ArrayList<>();
        if (city == null) {
            return out;
        }
        unpublished.forEach((k, n) -> {
            String prefix = indicatorPeriod + '|';
            if (k.startsWith(prefix + "sex|")) {
                sex.keys.add(null);
                sex.cells.add(n);
            } else if (k.startsWith(prefix + "age|")) {
                age.keys.add(null);
                age.cells.add(n);
            }
        });
        Map<Long, Group> underParent = new HashMap<>();
        for (Value v : byArea.values()) {
            Long parent = parentOf.get(v.area());
            if (parent == null) {
                continue;
            }
            Group g = underParent.computeIfAbsent(parent, p -> {
                Group n = new Group();
                Value total = p == root ? null : byArea.get(p);
                n.total = total == null ? null : total.key();
                return n;
            });
            g.keys.add(v.key());
            g.cells.add(v.count());
        }
        Group top = underParent.get(root);
        if (top != null) {
            top.total = city.key();
            top.keys.add(null);
            top.cells.add(unpublished.getOrDefault(Computed.unpublishedKey(ip[0], ip[1], "area", "unknown"), 0L));
        }
        for (Group g : List.of(sex, age)) {
            if (!g.keys.isEmpty()) {
                g.total = city.key();
                out.add(g);
            }
        }
        out.addAll(underParent.values());
        return out;
    }

    /**
     * Hides more until no list lets a hidden entry be worked out from the shown ones: a list whose equation (cells
     * add up to the total) has exactly one unknown — a hidden value, a hidden or missing total, or a count never
     * shown — gives that unknown away; when it is sensitive (a hidden value, or a never-shown count from 1 to
     * threshold − 1), the list's smallest shown non-zero cell is hidden too.
     */
    private static void close(List<Group> groups, Set<String> hidden, int threshold) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Group g : groups) {
                int unknowns = 0;
                boolean sensitive = false;
                int best = -1;
                for (int i = 0; i < g.keys.size(); i++) {
                    String k = g.keys.get(i);
                    long n = g.cells.get(i);
                    if (k == null || hidden.contains(k)) {
                        unknowns++;
                        sensitive |= k != null || n >= 1 && n < threshold;
                    } else if (n > 0 && (best < 0 || n < g.cells.get(best))) {
                        best = i;
                    }
                }
                if (g.total == null || hidden.contains(g.total)) {
                    unknowns++;
                    sensitive |= g.total != null;
                }
                if (unknowns == 1 && sensitive && best >= 0) {
                    hidden.add(g.keys.get(best));
                    changed = true;
                }
            }
        }
    }
}
