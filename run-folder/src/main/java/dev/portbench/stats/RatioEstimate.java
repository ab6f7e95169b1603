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
        return fromLogDifference(diff, Math.sqrt(pooled * (1.0 / a.length + 1.0 / b.length)), df, confidence);
    }

    /**
     * How many times as much {@code nextA / baseA} is as {@code nextB / baseB} at {@code confidence}
     * (e.g. an allocator's scaling from 1 to 2 threads over the scaling of a design that shares
     * nothing, measured in the same run): the difference of the two log differences, its variance
     * pooled over the four samples ({@code n - 4} degrees of freedom, n all forks), exponentiated.
     * Not resolved unless some side has two forks.
     *
     * @throws IllegalArgumentException if the confidence is not in (0, 1) or a fork mean is not positive
     */
    public static RatioEstimate ofRatios(ForkSample baseA, ForkSample nextA, ForkSample baseB, ForkSample nextB,
                                         double confidence) {
        Interval.checkConfidence(confidence);
        double[][] logs = {logs(baseA.forkMeans()), logs(nextA.forkMeans()), logs(baseB.forkMeans()),
                logs(nextB.forkMeans())};
        double diff = (ForkSample.mean(logs[1]) - ForkSample.mean(logs[0]))
                - (ForkSample.mean(logs[3]) - ForkSample.mean(logs[2]));
        double ratio = Math.exp(diff);
        int df = -logs.length;
        double sumSquares = 0;
        double inverseCounts = 0;
        for (double[] l : logs) {
            df += l.length;
            sumSquares += (l.length - 1) * ForkSample.variance(l);
            inverseCounts += 1.0 / l.length;
        }
        if (df < 1) {
            return new RatioEstimate(ratio, Double.NaN, Double.NaN, Math.max(df, 0), Double.NaN, confidence);
        }
        return fromLogDifference(diff, Math.sqrt(sumSquares / df * inverseCounts), df, confidence);
    }

    private static RatioEstimate fromLogDifference(double diff, double se, int df, double confidence) {
        TDistribution t = TDistribution.of(df);
        double half = t.inverseCumulativeProbability(0.5 + confidence / 2) * se;
        double p = se == 0 ? (diff == 0 ? 1 : 0) : 2 * t.survivalProbability(Math.abs(diff) / se);
        return new RatioEstimate(Math.exp(diff), Math.exp(diff - half), Math.exp(diff + half), df, p, confidence);
    }

    /** Where a target for this ratio stands, as this interval shows it. */
    public enum TargetVerdict {
        /** The whole interval is on the target's side. */
        MET,
        /** The whole interval is on the wrong side. */
        MISSED,
        /** The interval contains the target. */
        NOT_DECIDED,
        /** Too few forks for an interval. */
        NOT_RESOLVED
    }

    /**
     * This ratio against {@code target}: at least it when {@code atLeast}, else at most it.
     *
     * @throws IllegalArgumentException unless the target is positive and finite
     */
    public TargetVerdict against(double target, boolean atLeast) {
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("target: " + target + " (expected: a positive finite ratio)");
        }
        if (!resolved()) {
            return TargetVerdict.NOT_RESOLVED;
        }
        boolean lowMeets = atLeast ? low >= target : low <= target;
        boolean highMeets = atLeast ? high >= target : high <= target;
        return lowMeets && highMeets ? TargetVerdict.MET
                : lowMeets || highMeets ? TargetVerdict.NOT_DECIDED : TargetVerdict.MISSED;
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
