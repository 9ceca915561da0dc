package org.safercities.diagnosis.stats;

import java.util.List;

/** The Getis-Ord Gi* local statistic (Ord & Getis 1995) with binary contiguity weights, self included. */
public final class GetisOrd {

    /** Significance classes of a z-score (two-sided): 99%, 95%, 90% hot or cold spot, or none. */
    public enum Spot { HOT_99, HOT_95, HOT_90, NONE, COLD_90, COLD_95, COLD_99 }

    public record Result(double z, double p, Spot spot) {
    }

    private GetisOrd() {
    }

    /**
     * @param values     the measure per area (e.g. rate per 100 000), index i
     * @param neighbours for each index, the indices of its neighbours (not itself)
     */
    public static List<Result> giStar(double[] values, List<int[]> neighbours) {
        throw new UnsupportedOperationException("filled in by the stats work");
    }
}
