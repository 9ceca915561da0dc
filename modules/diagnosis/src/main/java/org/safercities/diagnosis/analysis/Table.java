package org.safercities.diagnosis.analysis;

import java.util.List;

/**
 * The answer to a {@link Query}: row and column keys (area ids, ICCS codes, sex codes, band or period keys),
 * counts, and person-years at risk for rates (negative when the population does not split that way). The last
 * row and column are not stored: totals are computed where shown, so that suppression sees the same margins.
 */
public record Table(Query query, List<String> rows, List<String> columns, long[][] counts, double[][] personYears,
        double[] rowPersonYears, long total, double totalPersonYears) {

    /** Incidents per 100 000 person-years, or NaN when there is no population for it. */
    public static double rate(long count, double personYears) {
        return personYears > 0 ? count * 100_000.0 / personYears : Double.NaN;
    }

    public long rowTotal(int r) {
        long t = 0;
        for (long v : counts[r]) {
            t += v;
        }
        return t;
    }

    public long columnTotal(int c) {
        long t = 0;
        for (long[] row : counts) {
            t += row[c];
        }
        return t;
    }
}
