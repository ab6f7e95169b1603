package dev.portbench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * How many times as much one benchmark costs as another, with an interval that accounts for
 * fork-to-fork variance: a two-sample Student t interval on the logarithms of the fork means
 * (pooled variance, {@code forksA + forksB - 2} degrees of freedom), exponentiated. The
 * estimate is the ratio of the geometric means of the fork means. Pooling assumes both sides
 * vary by a similar factor from fork to fork, which the logarithm makes reasonable for
 * benchmarks of the same suite on the same machine; with one fork on each side there is no
 * variance to pool and the ratio is {@linkplain #resolved() not resolved}.
 *
 * @param ratio {@code next / base} (geometric means of fork means)
 * @param low lower end of the interval, NaN when not resolved
 * @param high upper end, NaN when not resolved
 * @param degreesOfFreedom {@code forksA + forksB - 2}
 * @param pValue two-sided p-value of "the ratio is 1", NaN when not resolved
 * @param confidence the interval's coverage
 */
public record RatioEstimate(double ratio, double low, double high, int degreesOfFreedom, double pValue,
                            double confidence) {

    /** What a ratio says about {@code next} against {@code base}. */
    public enum Verdict {
        /** The whole interval lies below 1: next costs less. */
        LOWER,
        /** The whole interval lies above 1: next costs more. */
        HIGHER,
        /** The interval contains 1: no difference shown at this confidence (not "equal"). */
        NO_DIFFERENCE_SHOWN,
        /** Too few forks to estimate fork-to-fork variance: no verdict. */
        NOT_RESOLVED
    }

    /**
     * The ratio {@code next / base} at {@code confidence}.
     *
     * @throws IllegalArgumentException if the confidence is not in (0, 1) or a fork mean is not positive
     */
    public static RatioEstimate of(ForkSample base, ForkSample next, double confidence) {
        Interval.checkConfidence(confidence);
        double[] a = logs(base.forkMeans());
        double[] b = logs(next.forkMeans());
        double diff = ForkSample.mean(b) - ForkSample.mean(a);
        double ratio = Math.exp(diff);
        int df = a.length + b.length - 2;
        if (df < 1) {
            return new RatioEstimate(ratio, Double.NaN, Double.NaN, Math.max(df, 0), Double.NaN, confidence);
        }
        double pooled = ((a.length - 1) * ForkSample.variance(a) + (b.length - 1) * ForkSample.variance(b)) / df;
        double se = Math.sqrt(pooled * (1.0 / a.length + 1.0 / b.length));
        TDistribution t = TDistribution.of(df);
        double half = t.inverseCumulativeProbability(0.5 + confidence / 2) * se;
        double p = se == 0 ? (diff == 0 ? 1 : 0) : 2 * t.survivalProbability(Math.abs(diff) / se);
        return new RatioEstimate(ratio, Math.exp(diff - half), Math.exp(diff + half), df, p, confidence);
    }

    public boolean resolved() {
        return !Double.isNaN(low);
    }

    public Verdict verdict() {
        if (!resolved()) {
            return Verdict.NOT_RESOLVED;
        }
        if (high < 1) {
            return Verdict.LOWER;
        }
        if (low > 1) {
            return Verdict.HIGHER;
        }
        return Verdict.NO_DIFFERENCE_SHOWN;
    }

    /** Whether the interval excludes 1. */
    public boolean significant() {
        return verdict() == Verdict.LOWER || verdict() == Verdict.HIGHER;
    }

    private static double[] logs(double[] means) {
        double[] out = new double[means.length];
        for (int i = 0; i < means.length; i++) {
            if (!(means[i] > 0)) {
                throw new IllegalArgumentException("fork mean " + means[i] + " (expected: > 0 for a ratio)");
            }
            out[i] = Math.log(means[i]);
        }
        return out;
    }
}
