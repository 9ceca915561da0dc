package org.safercities.diagnosis.surveys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.safercities.diagnosis.stats.Proportion;

/**
 * The pre-computed sums per indicator × area × sex × age band × disability, in memory (a copy of
 * diagnosis_survey_cell, which stays the truth): estimates add up a few cells instead of reading responses, so
 * the page answers in milliseconds with any number of respondents.
 */
final class SurveyCube {

    /** Area 0 = area unknown. */
    record Key(String indicator, long areaId, String sex, String ageBand, String disability) {
    }

    /** Head count, Σw, Σw², Σw·y. */
    static final class Sums {
        long n;
        double w;
        double w2;
        double wy;

        void add(double weight, boolean yes) {
            n++;
            w += weight;
            w2 += weight * weight;
            if (yes) {
                wy += weight;
            }
        }

        Proportion.Estimate estimate() {
            return Proportion.fromSums(n, w, w2, wy);
        }

        void add(Sums o) {
            n += o.n;
            w += o.w;
            w2 += o.w2;
            wy += o.wy;
        }
    }

    /** Cells by indicator: an estimate reads only its own indicator's cells. */
    private Map<String, Map<Key, Sums>> cells = new HashMap<>();
    /** Changes with every entry or import: lets readers cache what they computed from the sums. */
    private volatile long version;

    long version() {
        return version;
    }

    synchronized void replace(Map<Key, Sums> loaded) {
        cells = new HashMap<>();
        merge(loaded);
    }

    /** Adds the sums of a committed entry or import. */
    synchronized void merge(Map<Key, Sums> delta) {
        version++;
        delta.forEach((k, s) -> cells.computeIfAbsent(k.indicator(), x -> new HashMap<>())
                .computeIfAbsent(k, x -> new Sums()).add(s));
    }

    synchronized boolean isEmpty() {
        return cells.isEmpty();
    }

    /** The indicator's sums over the cells the filter keeps, grouped by what {@code group} says. */
    synchronized <G> Map<G, Sums> sums(String indicator, Predicate<Key> keep, Function<Key, G> group) {
        Map<G, Sums> by = new HashMap<>();
        for (Map.Entry<Key, Sums> e : cells.getOrDefault(indicator, Map.of()).entrySet()) {
            if (keep.test(e.getKey())) {
                by.computeIfAbsent(group.apply(e.getKey()), x -> new Sums()).add(e.getValue());
            }
        }
        return by;
    }

    /** The indicator's estimates over the cells the filter keeps, grouped. */
    Map<String, Proportion.Estimate> estimates(String indicator, Predicate<Key> keep, Function<Key, String> group) {
        Map<String, Proportion.Estimate> out = new HashMap<>();
        sums(indicator, keep, group).forEach((g, s) -> out.put(g, s.estimate()));
        return out;
    }

    /** Indicator codes with at least one respondent. */
    synchronized List<String> indicators() {
        return cells.keySet().stream().sorted().toList();
    }

    /** The delta of one respondent. */
    static void add(Map<Key, Sums> delta, Respondent r, List<Questionnaire.Contribution> contributions) {
        long area = r.areaId() == null ? 0 : r.areaId();
        for (Questionnaire.Contribution c : contributions) {
            delta.computeIfAbsent(new Key(c.indicator(), area, r.sex(), r.ageBand(), r.disability()), x -> new Sums())
                    .add(r.weight(), c.yes());
        }
    }
}
