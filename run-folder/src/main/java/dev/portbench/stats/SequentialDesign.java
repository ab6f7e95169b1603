package dev.portbench.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A group-sequential design for verdicts taken over several rounds of forks: a run looks at its
 * fork means after each round, adds forks where a verdict is still open, and looks again. Looking
 * repeatedly and stopping when an interval excludes 1 would call identical code "different" more
 * often than the nominal rate, so the overall error {@code 1 - confidence} is spent over the
 * planned looks by an alpha-spending function (Lan and DeMets 1983, "Discrete sequential
 * boundaries for clinical trials", Biometrika 70(3):659-663), on the information fraction
 * {@code t = look / looks}:
 *
 * <ul>
 *   <li>{@link Spending#POCOCK}: {@code alpha * ln(1 + (e - 1) t)}, the Pocock-type function
 *       (Kim and DeMets 1987, Biometrika 74(1):149-154): nearly equal levels at every look, so
 *       large differences are settled early and their forks saved;</li>
 *   <li>{@link Spending#OBRIEN_FLEMING}: {@code 2 - 2 Phi(z(1 - alpha/2) / sqrt(t))}, the
 *       O'Brien-Fleming-type function (O'Brien and Fleming 1979, Biometrics 35(3):549-556): almost
 *       nothing spent early, nearly the whole level at the last look.</li>
 * </ul>
 *
 * Look {@code k} tests at the nominal level {@code alpha(k/K) - alpha((k-1)/K)}, and a pair is
 * decided at the first look whose interval (at that look's {@link #nominalConfidence}) excludes 1.
 * The nominal levels sum to {@code alpha}, so by Bonferroni's inequality the chance of any false
 * verdict over all looks is at most {@code alpha} whatever the correlation between looks
 * (Jennison and Turnbull 2000, "Group Sequential Methods with Applications to Clinical Trials",
 * section 1.3: the Bonferroni bound is conservative, never anti-conservative). The planned number
 * of looks is fixed before the run; a run that stops after fewer looks leaves the rest unspent.
 *
 * <p>Immutable; O(1) per call (one normal quantile for O'Brien-Fleming).
 *
 * @param confidence the overall confidence over every look, in (0, 1)
 * @param looks the planned number of looks (rounds of forks), at least 1
 * @param spending how the error is spread over the looks
 */
public record SequentialDesign(double confidence, int looks, Spending spending) {

    /** The alpha-spending functions offered. */
    public enum Spending {
        POCOCK,
        OBRIEN_FLEMING
    }

    /**
     * @throws IllegalArgumentException if the confidence is not in (0, 1), looks is below 1 or spending is null
     */
    public SequentialDesign {
        Interval.checkConfidence(confidence);
        if (looks < 1) {
            throw new IllegalArgumentException("looks: " + looks + " (expected: >= 1)");
        }
        if (spending == null) {
            throw new IllegalArgumentException("spending: null (expected POCOCK or OBRIEN_FLEMING)");
        }
    }

    /** The error spent by the information fraction {@code t} in [0, 1]. */
    public double spent(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t: " + t + " (expected: an information fraction in [0, 1])");
        }
        double alpha = 1 - confidence;
        if (t == 0) {
            return 0;
        }
        if (t == 1) {
            return alpha;
        }
        return switch (spending) {
            case POCOCK -> alpha * Math.log(1 + (Math.E - 1) * t);
            case OBRIEN_FLEMING -> {
                NormalDistribution n = NormalDistribution.of(0, 1);
                double z = n.inverseCumulativeProbability(1 - alpha / 2);
                yield 2 * n.survivalProbability(z / Math.sqrt(t));
            }
        };
    }

    /**
     * The confidence of the interval at look {@code look} (1-based): one minus the error spent between
     * look {@code look - 1} and {@code look}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= look <= looks}
     */
    public double nominalConfidence(int look) {
        if (look < 1 || look > looks) {
            throw new IllegalArgumentException("look: " + look + " (expected: 1.." + looks + ")");
        }
        return 1 - (spent((double) look / looks) - spent((double) (look - 1) / looks));
    }

    /**
     * The sequential verdict on {@code next / base} after {@code lookCount} looks: look {@code k}
     * uses the forks of rounds up to {@code k} on each side ({@code baseRounds[f]} is the round of
     * fork {@code f}) at {@link #nominalConfidence nominalConfidence(k)}. Answers the interval of the
     * first look that excludes 1 (the look that decided), else that of the last look (which sees
     * every fork); a look at which either side has no fork yet is skipped.
     *
     * @throws IllegalArgumentException if the rounds do not match the forks, a round is outside
     *     1..lookCount, or lookCount is outside 1..looks
     */
    public RatioEstimate ratio(ForkSample base, int[] baseRounds, ForkSample next, int[] nextRounds, int lookCount) {
        if (lookCount < 1 || lookCount > looks) {
            throw new IllegalArgumentException("lookCount: " + lookCount + " (expected: 1.." + looks + ")");
        }
        checkRounds(base, baseRounds, lookCount);
        checkRounds(next, nextRounds, lookCount);
        RatioEstimate last = null;
        for (int k = 1; k <= lookCount; k++) {
            int[] a = forksUpTo(baseRounds, k);
            int[] b = forksUpTo(nextRounds, k);
            if (a.length == 0 || b.length == 0) {
                continue;
            }
            last = RatioEstimate.of(base.select(a), next.select(b), nominalConfidence(k));
            if (last.significant()) {
                return last;
            }
        }
        return last;
    }

    private static void checkRounds(ForkSample sample, int[] rounds, int lookCount) {
        if (rounds.length != sample.forkCount()) {
            throw new IllegalArgumentException("rounds: " + rounds.length + " for " + sample.forkCount()
                    + " forks (expected one round per fork)");
        }
        for (int r : rounds) {
            if (r < 1 || r > lookCount) {
                throw new IllegalArgumentException("round " + r + " (expected: 1.." + lookCount + ")");
            }
        }
    }

    private static int[] forksUpTo(int[] rounds, int look) {
        int n = 0;
        for (int r : rounds) {
            if (r <= look) {
                n++;
            }
        }
        int[] out = new int[n];
        int i = 0;
        for (int f = 0; f < rounds.length; f++) {
            if (rounds[f] <= look) {
                out[i++] = f;
            }
        }
        return out;
    }
}
