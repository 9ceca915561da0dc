package org.safercities.diagnosis.stats;

/**
 * A weighted proportion (share of respondents answering yes) with its 95% confidence interval, accumulated one
 * response at a time. See the class body for the method and why.
 */
public final class Proportion {

    /** The estimate: share, interval bounds (0–1), respondents counted, and the Kish effective sample size. */
    public record Estimate(double share, double low, double high, long respondents, double effectiveSize) {
    }

    public void add(double weight, boolean yes) {
        throw new UnsupportedOperationException("filled in by the stats work");
    }

    public Estimate estimate() {
        throw new UnsupportedOperationException("filled in by the stats work");
    }
}
