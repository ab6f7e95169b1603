package dev.portbench.stats;

import java.util.Arrays;

/**
 * A sample-time benchmark's tail, fork by fork: each fork's histogram (JMH's
 * {@code rawDataHistogram}, all iterations merged) gives its own high percentiles and maximum,
 * and their spread across forks says how far one fork's tail can be trusted. A tail estimated
 * from one fork is a single draw: the report shows the median over forks with the lowest and
 * highest fork beside it.
 *
 * <p>Costs: O(distinct values x log) per fork at construction; queries O(log) per fork.
 */
public final class TailSample {

    /** Per fork: sorted distinct values and cumulative counts. */
    private final double[][] values;
    private final long[][] cumulative;

    private TailSample(double[][] values, long[][] cumulative) {
        this.values = values;
        this.cumulative = cumulative;
    }

    /**
     * The tails of {@code histograms}: fork x iteration x {@code [value, count]}.
     *
     * @throws IllegalArgumentException if a fork has no samples or a pair is malformed
     */
    public static TailSample of(double[][][][] histograms) {
        double[][] values = new double[histograms.length][];
        long[][] cumulative = new long[histograms.length][];
        for (int f = 0; f < histograms.length; f++) {
            int pairs = 0;
            for (double[][] iteration : histograms[f]) {
                pairs += iteration.length;
            }
            double[][] all = new double[pairs][];
            int i = 0;
            for (double[][] iteration : histograms[f]) {
                for (double[] pair : iteration) {
                    if (pair.length != 2 || !(pair[1] >= 0) || !Double.isFinite(pair[0])) {
                        throw new IllegalArgumentException("rawDataHistogram: fork " + f + " holds " + Arrays.toString(pair)
                                + " (expected [value, count >= 0])");
                    }
                    all[i++] = pair;
                }
            }
            Arrays.sort(all, (x, y) -> Double.compare(x[0], y[0]));
            values[f] = new double[pairs];
            cumulative[f] = new long[pairs];
            long sum = 0;
            for (int k = 0; k < pairs; k++) {
                sum += (long) all[k][1];
                values[f][k] = all[k][0];
                cumulative[f][k] = sum;
            }
            if (sum == 0) {
                throw new IllegalArgumentException("rawDataHistogram: fork " + f + " has no samples");
            }
        }
        return new TailSample(values, cumulative);
    }

    public int forkCount() {
        return values.length;
    }

    /** Samples in fork {@code f}. */
    public long samples(int f) {
        return cumulative[f][cumulative[f].length - 1];
    }

    /**
     * Fork {@code f}'s {@code percentile} (0..100], by the nearest-rank method: the smallest value
     * with at least {@code percentile}% of the samples at or below it; 100 is the maximum.
     */
    public double percentile(int f, double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile: " + percentile + " (expected: in (0, 100])");
        }
        long n = samples(f);
        long rank = (long) Math.ceil(percentile * n / 100 - 1e-9); // 99.9% of 1000 is rank 999, not 1000 by rounding
        int k = Arrays.binarySearch(cumulative[f], Math.max(rank, 1));
        if (k < 0) {
            k = -k - 1;
        }
        return values[f][Math.min(k, values[f].length - 1)];
    }

    /** {@code percentile} in every fork, in fork order. */
    public double[] perFork(double percentile) {
        double[] out = new double[values.length];
        for (int f = 0; f < out.length; f++) {
            out[f] = percentile(f, percentile);
        }
        return out;
    }

    /** The median over forks of {@code percentile} (the mean of the middle two for an even count). */
    public double medianOverForks(double percentile) {
        double[] v = perFork(percentile);
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
