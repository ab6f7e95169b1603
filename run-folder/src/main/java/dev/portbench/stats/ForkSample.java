package dev.portbench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;

/**
 * One benchmark's measurements as JMH took them: one array of iteration scores per fork
 * ({@code primaryMetric.rawData} of JMH's JSON). Forks of the same code differ (JIT decisions,
 * memory layout), usually by more than their iterations do, so the unit of evidence is the fork:
 * every interval here is a Student t interval over fork means, with {@code forks - 1} degrees
 * of freedom, and a single fork supports none.
 *
 * <p>Costs: O(total iterations) per call; arrays are copied in, never shared.
 */
public final class ForkSample {

    private final double[][] forks;

    private ForkSample(double[][] forks) {
        this.forks = forks;
    }

    /**
     * The sample of {@code rawData}: one array of iteration scores per fork.
     *
     * @throws IllegalArgumentException if there is no fork, a fork without iterations, or a value that is not finite
     */
    public static ForkSample of(double[][] rawData) {
        if (rawData == null || rawData.length == 0) {
            throw new IllegalArgumentException("rawData: no fork (expected one array of iteration scores per fork)");
        }
        double[][] copy = new double[rawData.length][];
        for (int f = 0; f < rawData.length; f++) {
            if (rawData[f] == null || rawData[f].length == 0) {
                throw new IllegalArgumentException("rawData: fork " + f + " has no iterations");
            }
            for (double v : rawData[f]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("rawData: fork " + f + " holds " + v + " (expected finite scores)");
                }
            }
            copy[f] = rawData[f].clone();
        }
        return new ForkSample(copy);
    }

    public int forkCount() {
        return forks.length;
    }

    /** The iteration scores of fork {@code f}, a copy. */
    public double[] fork(int f) {
        return forks[f].clone();
    }

    /** The mean of each fork's iterations. */
    public double[] forkMeans() {
        double[] means = new double[forks.length];
        for (int f = 0; f < forks.length; f++) {
            means[f] = mean(forks[f]);
        }
        return means;
    }

    /** The mean of the fork means: every fork weighs the same. */
    public double mean() {
        return mean(forkMeans());
    }

    /** A sample of the forks numbered in {@code which}, in that order. */
    public ForkSample select(int... which) {
        double[][] chosen = new double[which.length][];
        for (int i = 0; i < which.length; i++) {
            chosen[i] = forks[which[i]];
        }
        return of(chosen);
    }

    /**
     * The Student t interval for the mean over forks at {@code confidence}; not resolved
     * (NaN ends) with fewer than two forks.
     */
    public Interval interval(double confidence) {
        Interval.checkConfidence(confidence);
        double[] means = forkMeans();
        double mean = mean(means);
        int n = means.length;
        if (n < 2) {
            return new Interval(mean, Double.NaN, Double.NaN, n, confidence);
        }
        double half = tQuantile(confidence, n - 1) * Math.sqrt(variance(means) / n);
        return new Interval(mean, mean - half, mean + half, n, confidence);
    }

    /**
     * The interval JMH prints as {@code ±} for one fork's iterations alone (Student t over
     * iterations as if independent): what a single-fork run can offer.
     */
    public Interval withinForkInterval(int fork, double confidence) {
        Interval.checkConfidence(confidence);
        double[] it = forks[fork];
        double mean = mean(it);
        if (it.length < 2) {
            return new Interval(mean, Double.NaN, Double.NaN, 1, confidence);
        }
        double half = tQuantile(confidence, it.length - 1) * Math.sqrt(variance(it) / it.length);
        return new Interval(mean, mean - half, mean + half, 1, confidence);
    }

    /**
     * How far the fork means spread compared with what the iterations predict: the standard
     * deviation of the fork means divided by the standard error of one fork's mean implied by
     * the pooled within-fork variance. About 1 when forks are interchangeable; JMH's pooled
     * interval is too narrow by about this factor. NaN with one fork or no within-fork variance.
     */
    public double forkEffect() {
        if (forks.length < 2) {
            return Double.NaN;
        }
        double within = 0;
        double perFork = 0;
        for (double[] f : forks) {
            if (f.length < 2) {
                return Double.NaN;
            }
            within += variance(f);
            perFork += f.length;
        }
        within /= forks.length;
        perFork /= forks.length;
        if (within == 0) {
            return Double.NaN;
        }
        return Math.sqrt(variance(forkMeans())) / Math.sqrt(within / perFork);
    }

    /** The two-sided Student t quantile for {@code confidence} with {@code df} degrees of freedom. */
    static double tQuantile(double confidence, int df) {
        return TDistribution.of(df).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The unbiased sample variance; 0 for one value. */
    static double variance(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double m = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return ss / (values.length - 1);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(forks);
    }
}
