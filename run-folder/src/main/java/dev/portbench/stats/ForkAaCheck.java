package dev.portbench.stats;

import java.util.List;

/**
 * The A/A check: forks of the same code compared against each other, by the suite's method and
 * by the single-fork method it replaced, to show how often each calls identical code "changed".
 *
 * <ul>
 *   <li>Fork-aware (the suite's): for every benchmark and every fork {@code k}, the other forks
 *       against fork {@code k} by {@link RatioEstimate} at {@code confidence}; flagged when the
 *       ratio's interval excludes 1.</li>
 *   <li>Single-fork (the old one): for every pair of forks, JMH's interval over each fork's
 *       iterations ({@link ForkSample#withinForkInterval}) at {@code confidence}; flagged when the
 *       two do not overlap.</li>
 * </ul>
 * Costs: O(forks<sup>2</sup> x iterations) per benchmark.
 */
public final class ForkAaCheck {

    private ForkAaCheck() {
    }

    /**
     * Flagged pairs out of pairs compared, per method.
     *
     * @param forkAwarePairs comparisons made by the fork-aware method
     * @param forkAwareFlagged of which flagged as changed
     * @param singleForkPairs comparisons made by the single-fork method
     * @param singleForkFlagged of which flagged as changed
     */
    public record Result(int forkAwarePairs, int forkAwareFlagged, int singleForkPairs, int singleForkFlagged) {

        public double forkAwareRate() {
            return forkAwarePairs == 0 ? Double.NaN : (double) forkAwareFlagged / forkAwarePairs;
        }

        public double singleForkRate() {
            return singleForkPairs == 0 ? Double.NaN : (double) singleForkFlagged / singleForkPairs;
        }
    }

    /**
     * Runs the check over {@code samples}; samples with fewer than three forks are skipped (two
     * forks leave one against one, which the fork-aware method cannot resolve).
     */
    public static Result run(List<ForkSample> samples, double confidence) {
        int awarePairs = 0;
        int awareFlagged = 0;
        int singlePairs = 0;
        int singleFlagged = 0;
        for (ForkSample s : samples) {
            int n = s.forkCount();
            if (n < 3) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                int[] others = new int[n - 1];
                for (int f = 0, i = 0; f < n; f++) {
                    if (f != k) {
                        others[i++] = f;
                    }
                }
                awarePairs++;
                if (RatioEstimate.of(s.select(others), s.select(k), confidence).significant()) {
                    awareFlagged++;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    singlePairs++;
                    if (!s.withinForkInterval(i, confidence).overlaps(s.withinForkInterval(j, confidence))) {
                        singleFlagged++;
                    }
                }
            }
        }
        return new Result(awarePairs, awareFlagged, singlePairs, singleFlagged);
    }
}
