package org.safercities.strategy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost-effectiveness (G§70) and budgets by area (G§62), in whole minor units: the cost per person reached and per
 * target-group member of each action that states its reach, per unit of expected outcome of each that states one,
 * and each area's share of the budget, per inhabitant.
 * Divisions round half-even to the minor unit; sums use {@link Math#addExact}.
 */
public final class CostEffectiveness {

    private CostEffectiveness() {
    }

    /**
     * An action's budget and, when stated, the cost per person reached, per target-group member and per unit of its
     * expected outcome (in the action's own unit: two actions compare per unit only when their units are alike).
     */
    public record Row(Action action, long budget, Long perPerson, Long perTargetMember, Long perOutcome) {
    }

    /** An area's share of the budget and, when its population is known, the budget per inhabitant. */
    public record AreaShare(long areaId, long budget, Long population, Integer year, Long perCapita) {
    }

    /** Actions with a stated reach first, cheapest per person first; then those without, by title. */
    public static List<Row> rows(List<Action> actions, Map<Long, Long> budgetByAction) {
        List<Row> out = new ArrayList<>();
        for (Action a : actions) {
            long budget = budgetByAction.getOrDefault(a.id(), 0L);
            out.add(new Row(a, budget, per(budget, a.reach().people()), per(budget, a.reach().targetMembers()),
                    per(budget, a.outcome().quantity())));
        }
        out.sort(Comparator.comparing((Row r) -> r.perPerson() == null).thenComparing(r -> r.perPerson() == null ? 0
                : r.perPerson()).thenComparing(r -> r.action().title()));
        return out;
    }

    /** {@code minor / count}, rounded half-even to a whole minor unit; null when the count is unknown or zero. */
    static Long per(long minor, Long count) {
        if (count == null || count == 0) {
            return null;
        }
        return BigDecimal.valueOf(minor).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * Each area's share: an action's budget is split equally among its areas, the remainder (a few minor units)
     * going to the first ones, so the shares add up exactly to the budget of the actions that name areas.
     */
    public static Map<Long, Long> budgetByArea(List<Action> actions, Map<Long, Long> budgetByAction) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (Action a : actions) {
            List<Long> areas = a.areaIds();
            long budget = budgetByAction.getOrDefault(a.id(), 0L);
            if (areas.isEmpty() || budget == 0) {
                continue;
            }
            long share = budget / areas.size();
            long rest = budget % areas.size();
            for (int i = 0; i < areas.size(); i++) {
                out.merge(areas.get(i), share + (i < rest ? 1 : 0), Math::addExact);
            }
        }
        return out;
    }

    public static AreaShare share(long areaId, long budget, Long population, Integer year) {
        return new AreaShare(areaId, budget, population, year, per(budget, population));
    }
}
