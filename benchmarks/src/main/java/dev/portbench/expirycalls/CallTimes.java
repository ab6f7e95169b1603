package dev.portbench.expirycalls;

import java.util.Arrays;

/**
 * The times of every call of a repeated, deterministic sequence of calls, folded repetition by
 * repetition into the minimum per position: a stall of the machine (an interrupt, a descheduling,
 * a GC pause) hits a random call of one repetition, while the algorithm's cost at a position is the
 * same in every repetition, so the minimum over repetitions keeps the algorithm's cost and drops
 * the stalls. A cost that moves from position to position between repetitions (an amortized
 * resize, a JIT event) is dropped too: the {@linkplain #rawMax() raw maximum} over every call keeps
 * both, and a reader compares the two.
 *
 * <p>Costs: {@link #fold} O(positions), no allocation; the summaries O(positions log positions)
 * (a sorted copy). Not thread-safe.
 */
public final class CallTimes {

    private final long[] minimum;
    private long rawMax = Long.MIN_VALUE;
    private int repetitions;

    /**
     * An empty fold over {@code positions} calls per repetition.
     *
     * @throws IllegalArgumentException unless {@code positions >= 1}
     */
    public CallTimes(int positions) {
        if (positions < 1) {
            throw new IllegalArgumentException("positions: " + positions + " (expected: >= 1)");
        }
        minimum = new long[positions];
        Arrays.fill(minimum, Long.MAX_VALUE);
    }

    /**
     * Folds one repetition: {@code times[i]} is the time of the call at position {@code i}.
     *
     * @throws IllegalArgumentException if the length differs from the positions or a time is negative
     *     (the state is left as it was)
     */
    public void fold(long[] times) {
        if (times.length != minimum.length) {
            throw new IllegalArgumentException("times: " + times.length + " calls (expected " + minimum.length + ")");
        }
        long max = Long.MIN_VALUE;
        for (int i = 0; i < times.length; i++) {
            if (times[i] < 0) {
                throw new IllegalArgumentException("times[" + i + "]: " + times[i] + " (expected: >= 0)");
            }
            max = Math.max(max, times[i]);
        }
        for (int i = 0; i < times.length; i++) {
            minimum[i] = Math.min(minimum[i], times[i]);
        }
        rawMax = Math.max(rawMax, max);
        repetitions++;
    }

    /** Repetitions folded. */
    public int repetitions() {
        return repetitions;
    }

    /** Calls per repetition. */
    public int positions() {
        return minimum.length;
    }

    /** The minimum at position {@code i}. */
    public long minimumAt(int i) {
        checkFolded();
        return minimum[i];
    }

    /** The worst position's minimum: the algorithm's worst call. */
    public long worst() {
        checkFolded();
        return minimum[worstPosition()];
    }

    /** The first position whose minimum is the worst. */
    public int worstPosition() {
        checkFolded();
        int w = 0;
        for (int i = 1; i < minimum.length; i++) {
            if (minimum[i] > minimum[w]) {
                w = i;
            }
        }
        return w;
    }

    /** The median over positions of the minima (the mean of the middle two for an even count). */
    public double median() {
        checkFolded();
        long[] s = minimum.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + (double) s[n / 2]) / 2;
    }

    /**
     * The {@code percentile} (0..100] over positions of the minima, by the nearest-rank method: the
     * smallest minimum with at least {@code percentile}% of the positions at or below it.
     */
    public long percentile(double percentile) {
        checkFolded();
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile: " + percentile + " (expected: in (0, 100])");
        }
        long[] s = minimum.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(percentile * s.length / 100 - 1e-9);
        return s[Math.max(rank, 1) - 1];
    }

    /** The mean over positions of the minima. */
    public double meanOfMinima() {
        checkFolded();
        double sum = 0;
        for (long m : minimum) {
            sum += m;
        }
        return sum / minimum.length;
    }

    /** The slowest single call of every repetition folded, stalls included. */
    public long rawMax() {
        checkFolded();
        return rawMax;
    }

    private void checkFolded() {
        if (repetitions == 0) {
            throw new IllegalStateException("no repetition folded yet");
        }
    }
}
