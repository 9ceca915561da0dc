package org.safercities.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.safercities.platform.links.StrategyFigures;

/**
 * What the strategy tells monitoring (investment per capita, G§62) and the export: the strategy in force (the
 * adopted version, else the draft) in numbers, and its budget line by line, placed in an area and spread over
 * years. Made once per version of the content (the {@link VersionCache} entry's views).
 */
final class PublishedFigures implements StrategyFigures {

    private final StrategyService strategy;

    PublishedFigures(StrategyService strategy) {
        this.strategy = strategy;
    }

    @Override
    public Optional<Summary> current() {
        return strategy.inForce().map(v -> {
            VersionCache.Entry e = strategy.cached(v);
            return e.view("figuresSummary", () -> summary(e.content, e.currency));
        });
    }

    @Override
    public List<BudgetLine> budget() {
        return strategy.inForce().map(v -> {
            VersionCache.Entry e = strategy.cached(v);
            return e.<List<BudgetLine>>view("figuresBudget", () -> List.copyOf(lines(e.content, e.currency)));
        }).orElse(List.of());
    }

    static Summary summary(VersionCache.Content c, String currency) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byLevel = new TreeMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        for (Action a : c.actions()) {
            byStatus.merge(a.status(), 1, Integer::sum);
            byLevel.merge(a.level(), 1, Integer::sum);
            byType.merge(a.type(), 1, Integer::sum);
        }
        StrategyVersion v = c.version();
        return new Summary(v.number(), v.status(), v.adoptedOn(), v.fromYear(), v.toYear(), v.vision(),
                c.priorities().size(), c.objectives().size(), c.actions().size(), Map.copyOf(byStatus),
                Map.copyOf(byLevel), Map.copyOf(byType), currency);
    }

    /**
     * Each budget line of the content: in the action's area when it has exactly one (else null: the whole city or
     * several areas), over the calendar years from its start to its end (one year when only one date is given, the
     * strategy's first year when none), the amount split evenly in whole minor units, the remainder to the first
     * years, so the lines add up exactly to the budget. Lines in another currency than the city's are left out.
     */
    static List<BudgetLine> lines(VersionCache.Content c, String currency) {
        Map<Long, Action> actions = new HashMap<>();
        c.actions().forEach(a -> actions.put(a.id(), a));
        List<BudgetLine> out = new ArrayList<>();
        for (org.safercities.strategy.BudgetLine b : c.budget()) {
            Action a = actions.get(b.actionId());
            if (a == null || !b.currency().equals(currency)) {
                continue;
            }
            Long area = a.areaIds().size() == 1 ? a.areaIds().get(0) : null;
            int from = a.start() != null ? a.start().getYear() : a.end() != null ? a.end().getYear() : c.version().fromYear();
            int to = a.end() != null ? a.end().getYear() : from;
            int years = Math.max(1, to - from + 1);
            long share = b.amount() / years;
            long remainder = b.amount() % years;
            for (int k = 0; k < years; k++) {
                out.add(new BudgetLine(area, b.govLevel(), b.source(), from + k, share + (k < remainder ? 1 : 0)));
            }
        }
        return out;
    }
}
