package org.safercities.monitoring;

import java.util.List;
import java.util.Optional;

/**
 * Where an indicator stands against its target (city-wide, all sexes and ages).
 * <ul>
 * <li>baseline: the value set, else the city-wide value at the baseline period;</li>
 * <li>latest: the city-wide value of the latest period (an entered value before a computed one of the same
 * period: the office checked it);</li>
 * <li>status: {@code no_data} without a latest value; {@code no_target} without a target, a baseline or their
 * periods; {@code achieved} when the latest value is at the target or better; {@code on_track} when it is at the
 * straight line from baseline to target (R§18e's trajectory) or better at the latest period; else
 * {@code off_track}. "Better" is lower for a "down" indicator, higher for "up"; for "none" it is the way from
 * baseline to target.</li>
 * </ul>
 */
public record Progress(String indicator, Double baseline, String baselinePeriod, Double target, String targetPeriod,
        Double latest, String latestPeriod, String status, String trajectory) {

    public static final List<String> STATUSES = List.of("achieved", "on_track", "off_track", "no_target", "no_data");

    static Progress of(Indicator i, Optional<Target> target, List<Value> values) {
        Value latest = null;
        for (Value v : values) {
            if (v.indicator().equals(i.code()) && v.cityWide()) {
                int c = latest == null ? 1 : Double.compare(Periods.time(v.period()), Periods.time(latest.period()));
                c = c != 0 || latest == null ? c : v.period().compareTo(latest.period());
                if (c > 0 || c == 0 && v.entered() && !latest.entered()) {
                    latest = v;
                }
            }
        }
        Target t = target.orElse(null);
        Double baseline = t == null ? null : t.baseline();
        String baselinePeriod = t == null ? null : t.baselinePeriod();
        if (baseline == null && baselinePeriod != null) {
            baseline = at(values, i.code(), baselinePeriod);
        }
        Double goal = t == null ? null : t.target();
        String goalPeriod = t == null ? null : t.targetPeriod();
        Double now = latest == null ? null : latest.value();
        String nowPeriod = latest == null ? null : latest.period();
        String trajectory = t == null ? "linear" : t.trajectory();
        return new Progress(i.code(), baseline, baselinePeriod, goal, goalPeriod, now, nowPeriod,
                status(i.direction(), baseline, baselinePeriod, goal, goalPeriod, now, nowPeriod), trajectory);
    }

    /** The city-wide value of a period (entered first), or null. */
    static Double at(List<Value> values, String code, String period) {
        Double found = null;
        for (Value v : values) {
            if (v.indicator().equals(code) && v.cityWide() && v.period().equals(period)) {
                if (v.entered()) {
                    return v.value();
                }
                found = v.value();
            }
        }
        return found;
    }

    static String status(String direction, Double baseline, String baselinePeriod, Double target, String targetPeriod,
            Double latest, String latestPeriod) {
        if (latest == null) {
            return "no_data";
        }
        if (target == null || baseline == null || baselinePeriod == null || targetPeriod == null) {
            return "no_target";
        }
        boolean lowerIsBetter = switch (direction) {
            case "down" -> true;
            case "up" -> false;
            default -> target < baseline;
        };
        if (better(lowerIsBetter, latest, target)) {
            return "achieved";
        }
        Double expected = expected(baseline, baselinePeriod, target, targetPeriod, latestPeriod);
        return expected != null && better(lowerIsBetter, latest, expected) ? "on_track" : "off_track";
    }

    private static boolean better(boolean lowerIsBetter, double value, double than) {
        return lowerIsBetter ? value <= than : value >= than;
    }

    /** The trajectory's value at a period: on the straight line from baseline to target, held flat outside them. */
    static Double expected(double baseline, String baselinePeriod, double target, String targetPeriod, String period) {
        double from = Periods.time(baselinePeriod);
        double to = Periods.time(targetPeriod);
        if (to <= from) {
            return null;
        }
        double f = Math.max(0, Math.min(1, (Periods.time(period) - from) / (to - from)));
        return baseline + (target - baseline) * f;
    }
}
