package org.safercities.monitoring;

/**
 * The baseline and target of an indicator, city-wide. A null baseline value is read from the values at the
 * baseline period. {@code trajectory}: "linear" from baseline to target, or "halve2030" (the same line, set by the
 * "halve by 2030" button: target = baseline / 2 in 2030, R§18e).
 */
public record Target(String indicator, Double baseline, String baselinePeriod, Double target, String targetPeriod,
        String trajectory, int version) {
}
