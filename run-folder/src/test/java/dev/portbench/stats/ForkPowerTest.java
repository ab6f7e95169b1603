package dev.portbench.stats;

import dev.portbench.runfolder.JmhResultFile;
import dev.portbench.runfolder.RunFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict method's size and power, at this machine's own fork-to-fork noise: the median
 * coefficient of variation of fork means over the average-time results of the committed full run
 * {@code results/runs/20261126-085922-full} (5 forks each). Fork means are drawn log-normal with
 * that spread (seeded), and {@link RatioEstimate} at {@link Confidence#RANKING} judges them:
 * <ul>
 *   <li>A/A (identical code, 3 forks against 3): "changed" at most about 1% of the time (a z
 *       quantile instead of Student's t, or a standard error too small, would flag far more);</li>
 *   <li>power: a 20% slowdown is seen ("higher") in at least 85% of trials with 12 forks against
 *       12, and the method says how many forks that takes; with 3 against 3 it is seen rarely,
 *       which is why a verdict from a quick run is often "not decided".</li>
 * </ul>
 */
class ForkPowerTest {

    private static final int TRIALS = 2_000;
    private static double forkCv;

    @BeforeAll
    static void measuredForkNoise() {
        Path jmh = Path.of("..", "results", "runs", "20261126-085922-full", "jmh.json");
        List<Double> cvs = new ArrayList<>();
        for (JmhResultFile r : RunFiles.readJmh(jmh)) {
            if (!"avgt".equals(r.mode()) || r.primaryMetric() == null || r.primaryMetric().rawData() == null
                    || r.primaryMetric().rawData().length < 5) {
                continue;
            }
            double[] means = ForkSample.of(r.primaryMetric().rawData()).forkMeans();
            double m = ForkSample.mean(means);
            cvs.add(Math.sqrt(ForkSample.variance(means)) / m);
        }
        assertTrue(cvs.size() > 100, "results with 5 forks in the committed full run: " + cvs.size());
        double[] sorted = cvs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        forkCv = sorted[sorted.length / 2];
        assertTrue(forkCv > 0.01 && forkCv < 0.5, "median fork-to-fork CV " + forkCv);
    }

    /** {@code forks} fork means of 3 iterations each, log-normal around {@code mean} with the measured spread. */
    private static ForkSample draw(SplittableRandom random, int forks, double mean) {
        double sigma = Math.sqrt(Math.log(1 + forkCv * forkCv));
        double[][] raw = new double[forks][3];
        for (double[] fork : raw) {
            double forkMean = mean * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
            Arrays.fill(fork, forkMean);
        }
        return ForkSample.of(raw);
    }

    private static double rate(int forks, double slowdown, RatioEstimate.Verdict verdict, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int hits = 0;
        for (int t = 0; t < TRIALS; t++) {
            RatioEstimate r = RatioEstimate.of(draw(random, forks, 10), draw(random, forks, 10 * slowdown), Confidence.RANKING);
            if (verdict == null ? r.significant() : r.verdict() == verdict) {
                hits++;
            }
        }
        return (double) hits / TRIALS;
    }

    @Test
    void identicalCodeIsCalledChangedAtMostAboutOnePercentOfTheTime() {
        // 1% expected; 2,000 trials put a correct method under 1.8% with probability > 99.9%
        double aa3 = rate(3, 1.0, null, 1);
        double aa12 = rate(12, 1.0, null, 2);
        System.out.printf(java.util.Locale.ROOT, "A/A at fork CV %.3f: flagged %.2f%% (3 vs 3), %.2f%% (12 vs 12)%n",
                forkCv, 100 * aa3, 100 * aa12);
        assertTrue(aa3 <= 0.018, "A/A 3 vs 3 forks at CV " + forkCv + ": " + aa3);
        assertTrue(aa12 <= 0.018, "A/A 12 vs 12 forks at CV " + forkCv + ": " + aa12);
    }

    @Test
    void aTwentyPercentSlowdownIsSeenWithEnoughForks() {
        double power12 = rate(12, 1.2, RatioEstimate.Verdict.HIGHER, 3);
        double power3 = rate(3, 1.2, RatioEstimate.Verdict.HIGHER, 4);
        System.out.printf(java.util.Locale.ROOT, "20%% slowdown at fork CV %.3f: seen %.1f%% (3 vs 3), %.1f%% (12 vs 12)%n",
                forkCv, 100 * power3, 100 * power12);
        assertTrue(power12 >= 0.85, "20% slowdown seen with 12 vs 12 forks at CV " + forkCv + ": " + power12);
        assertTrue(power3 < power12, "fewer forks, less power: 3 vs 3 " + power3 + ", 12 vs 12 " + power12);
        assertTrue(rate(12, 1.2, RatioEstimate.Verdict.LOWER, 5) == 0, "a slowdown is never called a speed-up");
    }
}
