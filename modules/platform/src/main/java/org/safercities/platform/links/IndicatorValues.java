package org.safercities.platform.links;

import java.util.List;

/**
 * Published by monitoring: the indicator catalogue and its values, for the review report and the export. Values
 * are as stored or computed, not suppressed: {@code count} carries the number of cases behind a value (a
 * numerator or respondents) so that a caller publishing outside the office can hide small ones.
 */
public interface IndicatorValues {

    /**
     * An indicator: its code ("16.1.1", or a local code), name in the asked language (English when it has none),
     * unit ("per 100,000", "%", currency per capita …), direction ("down" when lower is better, "up", "none"),
     * whether it is built in, national (from the kit profile) or local, and its frequency ("yearly" …).
     */
    record Indicator(String code, String name, String unit, String direction, String origin, String frequency) {
    }

    /**
     * One value: the indicator, the period ("2024" or "2024-Q1" …), the area ({@code null} = whole city), the
     * disaggregation by sex ("" = all) and age band ("" = all), the value with its 95% interval where it has one
     * (else {@code null}), the count behind it where known (else {@code null}), how it was obtained ("computed" or
     * "entered"), its source as written and its quality flag ("good", "provisional", "estimate", "poor").
     */
    record Value(String indicator, String period, Long areaId, String sex, String ageBand, double value, Double low,
            Double high, Long count, String method, String source, String quality) {
    }

    /**
     * Where an indicator stands: baseline and its period, target and its period, latest value and its period (any
     * may be null), and the status: "on_track", "off_track", "achieved", "no_data" or "no_target".
     */
    record Progress(String indicator, Double baseline, String baselinePeriod, Double target, String targetPeriod,
            Double latest, String latestPeriod, String status) {
    }

    List<Indicator> indicators(String language);

    /** The values whose period falls inside {@code fromYear}–{@code toYear} (both included), all indicators. */
    List<Value> values(int fromYear, int toYear);

    List<Progress> progress();
}
