package org.safercities.diagnosis.stats;

import java.util.Optional;

/**
 * A weighted proportion (share of respondents answering yes) with its 95% confidence interval, accumulated one
 * response at a time.
 *
 * <p>Method: the share is Σw(yes) / Σw. Weights make the sample worth less than its head count, so the interval
 * uses the Kish effective sample size n_eff = (Σw)² / Σw² (Kish 1965), which equals the head count when every
 * weight is 1. The interval is the Wilson score interval (Wilson 1927) computed with n_eff instead of n. Why Wilson
 * rather than the textbook p ± 1.96·√(p(1−p)/n): a small area may have a dozen respondents and shares near 0 or
 * 1 are common ("never felt unsafe"); there the textbook (Wald) interval collapses to zero width at 0% or 100% and
 * spills outside [0, 1], while Wilson stays inside [0, 1] and keeps close to its nominal 95% coverage (Brown, Cai
 * & DasGupta 2001, Statistical Science 16:101–133).
 *
 * <p>No respondents: {@link #estimate()} then returns an estimate whose {@code share} is NaN (there is no share to
 * report), whose interval is the whole [0, 1] (nothing is known) and whose counts are 0; {@link Estimate#known()}
 * is false. Callers that display numbers should use {@link #estimateIfAny()}, which is empty in that case, so no
 * NaN reaches a page.
 */
public final class Proportion {

    /** The two-sided 95% normal quantile, Φ⁻¹(0.975). */
    static final double Z_95 = 1.959963984540054;

    /** The estimate: share, interval bounds (0–1), respondents counted, and the Kish effective sample size. */
    public record Estimate(double share, double low, double high, long respondents, double effectiveSize) {

        /** Whether there was anyone to count; false means share is NaN and the interval is [0, 1]. */
        public boolean known() {
            return respondents > 0;
        }
    }

    private double weightSum;
    private double weightSquareSum;
    private double yesWeightSum;
    private long respondents;

    /** Counts one respondent; the weight must be a finite number greater than 0. */
    public void add(double weight, boolean yes) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a survey weight must be a finite number greater than 0: " + weight);
        }
        weightSum += weight;
        weightSquareSum += weight * weight;
        if (yes) {
            yesWeightSum += weight;
        }
        respondents++;
    }

    /**
     * The estimate from sums kept elsewhere (pre-computed per cell): head count, Σw, Σw² and Σw of those
     * answering yes. Same result as {@link #add} called once per respondent.
     */
    public static Estimate fromSums(long respondents, double weightSum, double weightSquareSum, double yesWeightSum) {
        Proportion p = new Proportion();
        p.respondents = respondents;
        p.weightSum = weightSum;
        p.weightSquareSum = weightSquareSum;
        p.yesWeightSum = yesWeightSum;
        return p.estimate();
    }

    public Estimate estimate() {
        if (respondents == 0) {
            return new Estimate(Double.NaN, 0, 1, 0, 0);
        }
        double share = yesWeightSum / weightSum;
        double effectiveSize = weightSum * weightSum / weightSquareSum;
        double[] interval = wilson(share, effectiveSize);
        return new Estimate(share, interval[0], interval[1], respondents, effectiveSize);
    }

    /** The estimate, or empty when nobody was counted. */
    public Optional<Estimate> estimateIfAny() {
        return respondents == 0 ? Optional.empty() : Optional.of(estimate());
    }

    /** The Wilson score interval for a share p observed on n (possibly fractional) respondents. */
    static double[] wilson(double p, double n) {
        double z2n = Z_95 * Z_95 / n;
        double denominator = 1 + z2n;
        double centre = (p + z2n / 2) / denominator;
        double halfWidth = Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
        // clamp rounding only: mathematically the bounds are already inside [0, 1]
        return new double[] {Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)};
    }
}
