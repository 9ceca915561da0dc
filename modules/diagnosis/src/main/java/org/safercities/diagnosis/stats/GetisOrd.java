package org.safercities.diagnosis.stats;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The Getis-Ord Gi* local statistic (Getis & Ord 1992; Ord & Getis 1995) with binary contiguity weights, self
 * included (w_ii = 1). For area i, with W_i = Σ_j w_ij (its neighbours plus itself) and, binary weights,
 * Σ_j w_ij² = W_i:
 *
 * <pre>
 *   z_i = (Σ_j w_ij x_j − X̄ W_i) / (S √((n W_i − W_i²) / (n − 1)))
 *   X̄ = Σ x_j / n,   S = √(Σ x_j² / n − X̄²)
 * </pre>
 *
 * The two-sided p-value comes from the standard normal distribution. Cases where the statistic says nothing get
 * z = 0, p = 1 and {@link Spot#NONE}: fewer than 3 areas; all values equal (S = 0); an area with no neighbours
 * (the formula would reduce to the area's own standard score, which says the area is extreme, not that it sits in
 * a cluster, and Gi* is about clusters); an area whose neighbourhood is every area (W_i = n, denominator 0).
 */
public final class GetisOrd {

    /** Significance classes of a z-score (two-sided): 99%, 95%, 90% hot or cold spot, or none. */
    public enum Spot { HOT_99, HOT_95, HOT_90, NONE, COLD_90, COLD_95, COLD_99 }

    public record Result(double z, double p, Spot spot) {
    }

    private static final Result NOTHING = new Result(0, 1, Spot.NONE);

    private GetisOrd() {
    }

    /**
     * @param values     the measure per area (e.g. rate per 100 000), index i
     * @param neighbours for each index, the indices of its neighbours (not itself); row i of the weights is read
     *                   as given (contiguity is normally symmetric; this is not checked), repeated indices and i
     *                   itself are ignored
     */
    public static List<Result> giStar(double[] values, List<int[]> neighbours) {
        int n = values.length;
        if (neighbours.size() != n) {
            throw new IllegalArgumentException(n + " values but " + neighbours.size() + " neighbour lists");
        }
        for (double x : values) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("every value must be a finite number: " + x);
            }
        }
        double mean = 0;
        for (double x : values) {
            mean += x;
        }
        mean /= n;
        double squares = 0;
        for (double x : values) {
            squares += (x - mean) * (x - mean); // n·S², computed around the mean to avoid cancellation
        }
        double s = Math.sqrt(squares / n);
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(n < 3 || s <= 1e-12 * Math.max(1, Math.abs(mean)) ? NOTHING
                    : local(i, values, neighbours.get(i), mean, s));
        }
        return results;
    }

    private static Result local(int i, double[] values, int[] around, double mean, double s) {
        int n = values.length;
        BitSet members = new BitSet(n);
        members.set(i);
        for (int j : around) {
            if (j < 0 || j >= n) {
                throw new IllegalArgumentException("area " + i + " has neighbour " + j + " outside 0.." + (n - 1));
            }
            members.set(j);
        }
        int weight = members.cardinality();
        if (weight == 1 || weight == n) {
            return NOTHING;
        }
        double local = 0;
        for (int j = members.nextSetBit(0); j >= 0; j = members.nextSetBit(j + 1)) {
            local += values[j];
        }
        double z = (local - mean * weight) / (s * Math.sqrt(((double) n * weight - (double) weight * weight) / (n - 1)));
        return new Result(z, twoSidedP(z), spot(z));
    }

    /** The class of a z-score by the two-sided normal critical values for 99%, 95% and 90%. */
    public static Spot spot(double z) {
        double a = Math.abs(z);
        if (a >= 2.576) {
            return z > 0 ? Spot.HOT_99 : Spot.COLD_99;
        }
        if (a >= 1.960) {
            return z > 0 ? Spot.HOT_95 : Spot.COLD_95;
        }
        if (a >= 1.645) {
            return z > 0 ? Spot.HOT_90 : Spot.COLD_90;
        }
        return Spot.NONE;
    }

    /** P(|Z| ≥ |z|) for a standard normal Z: erfc(|z| / √2). */
    public static double twoSidedP(double z) {
        return Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /**
     * The complementary error function by the Chebyshev-fitted approximation of Press, Teukolsky, Vetterling &
     * Flannery, Numerical Recipes in C, 2nd ed. (1992), §6.2, function erfcc: fractional error below 1.2·10⁻⁷
     * everywhere.
     */
    static double erfc(double x) {
        double a = Math.abs(x);
        double t = 1 / (1 + 0.5 * a);
        double r = t * Math.exp(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
