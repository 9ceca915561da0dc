package org.safercities.platform.links;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Published by strategy: the current strategy (the adopted version, else the newest draft) as figures, for
 * monitoring (investment per capita, G§62) and the review report and export (strategy summary). No personal data.
 */
public interface StrategyFigures {

    /**
     * The strategy in numbers: its version number and status (draft, adopted, revised), adoption date (null for a
     * draft), the years it covers, its vision, how many priorities, objectives and actions it has, actions counted
     * by status, by prevention level and by prevention type (the module's codes), and the city currency (ISO 4217).
     */
    record Summary(int versionNumber, String status, LocalDate adoptedOn, int fromYear, int toYear, String vision,
            int priorities, int objectives, int actions, Map<String, Integer> actionsByStatus,
            Map<String, Integer> actionsByLevel, Map<String, Integer> actionsByType, String currency) {
    }

    /**
     * A budget amount in integer minor units of {@link Summary#currency()}: the area it is spent in ({@code null}
     * when the action covers the whole city or several areas whose shares are not known: the amount is then
     * spread by population by the caller if it wants to), the government level (the module's codes: local,
     * regional, national, international, private, other), the funding source as written, the calendar year (an
     * action over several years is spread evenly over them; its first year when it has no dates) and the amount.
     */
    record BudgetLine(Long areaId, String governmentLevel, String fundingSource, int year, long amountMinor) {
    }

    Optional<Summary> current();

    /** The current strategy's budget, line by line as described above; empty without a strategy. */
    List<BudgetLine> budget();
}
