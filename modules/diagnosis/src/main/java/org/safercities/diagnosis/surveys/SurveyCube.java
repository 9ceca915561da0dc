package org.safercities.diagnosis.surveys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

        void add(Sums o) {
            n += o.n;
            w += o.w;
            w2 += o.w2;
            wy += o.wy;
        }
    }

    private Map<Key, Sums> cells = new HashMap<>();

    synchronized void replace(Map<Key, Sums> loaded) {
        cells = new HashMap<>(loaded);
    }

    /** Adds the sums of a committed entry or import. */
    synchronized void merge(Map<Key, Sums> delta) {
        delta.forEach((k, s) -> cells.computeIfAbsent(k, x -> new Sums()).add(s));
    }

    synchronized boolean isEmpty() {
        return cells.isEmpty();
    }

    /** The indicator's estimate over the cells the filter keeps, grouped by the given dimension value. */
    synchronized Map<String, Proportion.Estimate> estimates(String indicator, Predicate<Key> keep,
            java.util.function.Function<Key, String> group) {
        Map<String, Sums> by = new HashMap<>();
        for (Map.Entry<Key, Sums> e : cells.entrySet()) {
            Key k = e.getKey();
            if (k.indicator().equals(indicator) && keep.test(k)) {
                by.computeIfAbsent(group.apply(k), x -> new Sums()).add(e.getValue());
            }
        }
        Map<String, Proportion.Estimate> out = new HashMap<>();
        by.forEach((g, s) -> out.put(g, Proportion.fromSums(s.n, s.w, s.w2, s.wy)));
        return out;
    }

    /** Indicator codes with at least one respondent. */
    synchronized List<String> indicators() {
        return cells.keySet().stream().map(Key::indicator).distinct().sorted().toList();
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
