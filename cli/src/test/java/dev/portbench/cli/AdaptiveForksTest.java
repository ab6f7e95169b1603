package dev.portbench.cli;

import dev.portbench.stats.ForkSample;
import dev.portbench.stats.SequentialDesign;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision logic of the adaptive forks on synthetic fork means, without JMH. */
class AdaptiveForksTest {

    private static final SequentialDesign DESIGN = new SequentialDesign(0.99, 3, SequentialDesign.Spending.POCOCK);
    private static final String HEADLINE = "q170791-rho0.99";

    private static AdaptiveForks.Settings settings(int maxForks) {
        return new AdaptiveForks.Settings(DESIGN, 1.25, maxForks, 1.0, HEADLINE);
    }

    /** A result whose forks have these means, all of round 1. */
    private static AdaptiveForks.Bench bench(String workload, String allocator, double... forkMeans) {
        double[][] raw = new double[forkMeans.length][];
        for (int f = 0; f < forkMeans.length; f++) {
            raw[f] = new double[] {forkMeans[f]};
        }
        int[] rounds = new int[forkMeans.length];
        Arrays.fill(rounds, 1);
        return new AdaptiveForks.Bench(workload, allocator, ForkSample.of(raw), rounds);
    }

    @Test
    void neighboursAreAdjacentInEachWorkloadsRankingAndJudgedDiffersWithinOrOpen() {
        List<AdaptiveForks.Bench> benches = List.of(
                bench(HEADLINE, "bitset", 20.0, 20.3),
                bench(HEADLINE, "ring", 10.0, 10.1),
                bench(HEADLINE, "fifo", 10.4, 10.0),
                bench("burst", "ring", 5.00, 5.01, 4.99, 5.00, 5.02, 4.98),
                bench("burst", "fifo", 5.01, 5.00, 5.00, 4.99, 5.01, 5.00));
        List<AdaptiveForks.Pair> pairs = AdaptiveForks.neighbourPairs(benches, DESIGN, 1, 1.25);
        assertEquals(3, pairs.size(), "two neighbour pairs on the headline, one on burst");
        assertEquals("ring vs fifo on " + HEADLINE, pairs.get(0).names());
        assertEquals(AdaptiveForks.Decision.OPEN, pairs.get(0).decision(), pairs.get(0).state());
        assertEquals("fifo vs bitset on " + HEADLINE, pairs.get(1).names());
        assertEquals(AdaptiveForks.Decision.DIFFERS, pairs.get(1).decision(), pairs.get(1).state());
        assertEquals(AdaptiveForks.Decision.WITHIN_MARGIN, pairs.get(2).decision(), pairs.get(2).state());
        assertTrue(pairs.get(0).state().matches("ratio 1\\.0\\d \\[0\\.\\d\\d, \\d+\\.\\d\\d\\] open"), pairs.get(0).state());
    }

    @Test
    void theHeadlineJudgesEveryPairOtherWorkloadsOnlyNeighbours() {
        List<AdaptiveForks.Bench> benches = List.of(
                bench(HEADLINE, "ring", 10.0, 10.1, 9.9, 10.0),
                bench(HEADLINE, "fifo", 14.0, 14.2, 13.9, 14.1),
                bench(HEADLINE, "bitset", 20.0, 20.3, 19.8, 20.1),
                bench("burst", "ring", 5.0, 5.1, 4.9, 5.0),
                bench("burst", "fifo", 7.0, 7.1, 6.9, 7.0),
                bench("burst", "bitset", 10.0, 10.1, 9.9, 10.0));
        List<String> names = AdaptiveForks.judgedPairs(benches, DESIGN, 1, 1.25, HEADLINE).stream()
                .map(AdaptiveForks.Pair::names).toList();
        assertEquals(List.of("ring vs fifo on " + HEADLINE, "fifo vs bitset on " + HEADLINE, "ring vs fifo on burst",
                "fifo vs bitset on burst", "ring vs bitset on " + HEADLINE), names,
                "neighbours of every workload, then the headline's one pair of distant ranks");
        assertEquals(4, AdaptiveForks.neighbourPairs(benches, DESIGN, 1, 1.25).size());
    }

    /**
     * A result whose forks spread widely (one fork at 4x the others) leaves even its pair with a distant
     * rank open, 5x apart: that pair is judged too, and the round adds forks to the spreading result.
     * (Pooled t on the logs, 4 + 4 forks: ring vs sharded 4.95x with an interval from about 0.8x.)
     */
    @Test
    void aDistantHeadlinePairLeftOpenByOneSpreadingResultIsJudgedAndThatResultGetsForks() {
        List<AdaptiveForks.Bench> benches = List.of(
                bench(HEADLINE, "ring", 10.0, 10.1, 9.9, 10.0),
                bench(HEADLINE, "fifo", 20.0, 20.2, 19.9, 20.1),
                bench(HEADLINE, "sharded", 30.0, 38.0, 35.0, 150.0),
                bench(HEADLINE, "jdk", 160.0, 161.0, 159.0, 160.0));
        AdaptiveForks.RoundPlan plan = AdaptiveForks.plan(benches, settings(8), 2, 1000);
        List<String> open = plan.open().stream().map(AdaptiveForks.Pair::names).toList();
        assertTrue(open.contains("ring vs sharded on " + HEADLINE), "the distant pair is open: " + open);
        assertFalse(open.contains("ring vs fifo on " + HEADLINE), "2x apart with tight forks is decided: " + open);
        assertFalse(open.contains("fifo vs jdk on " + HEADLINE), "8x apart with tight forks is decided: " + open);
        assertTrue(plan.open().stream().anyMatch(p -> !isNeighbour(p, benches)), open.toString());
        assertNull(plan.stop());
        assertTrue(plan.add().keySet().stream().anyMatch(b -> b.allocator().equals("sharded")),
                "the spreading result gets forks: " + plan.additions());
    }

    private static boolean isNeighbour(AdaptiveForks.Pair p, List<AdaptiveForks.Bench> benches) {
        return AdaptiveForks.neighbourPairs(benches, DESIGN, 1, 1.25).stream().anyMatch(n -> n.names().equals(p.names()));
    }

    @Test
    void oneForkEachIsOpenWithoutAnInterval() {
        List<AdaptiveForks.Pair> pairs = AdaptiveForks.neighbourPairs(
                List.of(bench(HEADLINE, "ring", 10), bench(HEADLINE, "fifo", 30)), DESIGN, 1, 1.25);
        assertEquals(AdaptiveForks.Decision.OPEN, pairs.get(0).decision());
        assertTrue(pairs.get(0).state().contains("no interval yet"), pairs.get(0).state());
    }

    @Test
    void forksNeededIsTheFewestWhoseIntervalIsNarrowerThanTheNearerDecision() {
        double c = DESIGN.nominalConfidence(3);
        for (double ratio : new double[] {1.0, 1.05, 1.3, 1.6, 3.0}) {
            int n = AdaptiveForks.forksNeeded(ratio, 0.105, c, 1.25, 40);
            double target = Math.max(Math.abs(Math.log(ratio)), Math.log(1.25) - Math.abs(Math.log(ratio)));
            assertTrue(n <= 40, ratio + " is within reach of 40 forks");
            assertTrue(half(n, 0.105, c) < target, ratio + ": " + n + " forks decide it");
            assertTrue(n == 2 || half(n - 1, 0.105, c) >= target, ratio + ": " + (n - 1) + " would not");
        }
        assertTrue(AdaptiveForks.forksNeeded(1.6, 0.105, c, 1.25, 40) < AdaptiveForks.forksNeeded(1.3, 0.105, c, 1.25, 40),
                "a larger difference needs fewer forks");
        // halfway to the margin (sqrt 1.25 = 1.118) is the hardest to decide: beyond a cap of 6
        assertEquals(7, AdaptiveForks.forksNeeded(Math.sqrt(1.25), 0.105, c, 1.25, 6));
    }

    private static double half(int n, double sd, double c) {
        return TDistribution.of(2 * n - 2).inverseCumulativeProbability(0.5 + c / 2) * sd * Math.sqrt(2.0 / n);
    }

    @Test
    void pooledSpreadFallsBackToTheDefaultWithoutTwoForks() {
        assertEquals(AdaptiveForks.DEFAULT_LOG_SD, AdaptiveForks.pooledLogSd(List.of(bench(HEADLINE, "ring", 10))));
        double sd = AdaptiveForks.pooledLogSd(List.of(bench(HEADLINE, "ring", 10, 11), bench(HEADLINE, "fifo", 20, 22, 21)));
        double ss = Math.pow(Math.log(10) - Math.log(Math.sqrt(110)), 2) * 2;
        double m = (Math.log(20) + Math.log(22) + Math.log(21)) / 3;
        ss += Math.pow(Math.log(20) - m, 2) + Math.pow(Math.log(22) - m, 2) + Math.pow(Math.log(21) - m, 2);
        assertEquals(Math.sqrt(ss / 3), sd, 1e-12);
    }

    @Test
    void openPairsGetForksUpToWhatWouldDecideThemHeadlineFirst() {
        List<AdaptiveForks.Bench> benches = List.of(
                bench(HEADLINE, "ring", 10.0, 10.9), bench(HEADLINE, "fifo", 11.0, 12.0),
                bench("burst", "ring", 5.0, 5.5), bench("burst", "fifo", 5.6, 6.1));
        AdaptiveForks.RoundPlan plan = AdaptiveForks.plan(benches, settings(6), 2, 1000);
        assertNull(plan.stop());
        assertEquals(2, plan.open().size());
        List<String> order = new ArrayList<>();
        plan.add().forEach((b, n) -> order.add(b.key() + " +" + n));
        assertEquals(HEADLINE + " ring", order.get(0).substring(0, order.get(0).indexOf(" +")), "the headline first: " + order);
        plan.add().forEach((b, n) -> assertTrue(b.forks() + n <= 6, b.key() + " stays within the cap: " + order));
        plan.add().forEach((b, n) -> assertTrue(n >= 1, order.toString()));
        assertTrue(plan.additions().get(0).reason().startsWith("ring vs fifo on " + HEADLINE + ": ratio "), plan.additions().toString());
    }

    @Test
    void theRoundsShareOfTheBudgetLimitsTheForksAndTheHeadlineGetsThem() {
        List<AdaptiveForks.Bench> benches = List.of(
                bench("burst", "ring", 5.0, 5.5), bench("burst", "fifo", 5.6, 6.1),
                bench(HEADLINE, "ring", 10.0, 10.9), bench(HEADLINE, "fifo", 11.0, 12.0));
        // round 2 of 3: half of the 6 s left, at 1 s a fork: 3 forks, all to the headline's pair
        AdaptiveForks.RoundPlan plan = AdaptiveForks.plan(benches, settings(6), 2, 6);
        assertEquals(3, plan.forks());
        plan.add().keySet().forEach(b -> assertEquals(HEADLINE, b.workload()));
        assertEquals(List.of(1, 2), List.copyOf(plan.add().values()), "trimmed from 4 + 4 to what the round pays");
    }

    @Test
    void stopsWhenTheBudgetIsSpentTheLooksAreDoneEveryPairIsDecidedOrAtTheCap() {
        List<AdaptiveForks.Bench> open = List.of(bench(HEADLINE, "ring", 10.0, 10.9), bench(HEADLINE, "fifo", 11.0, 12.0));
        assertEquals("the budget is spent", AdaptiveForks.plan(open, settings(6), 2, 1.5).stop(),
                "half of 1.5 s does not pay one fork of 1 s");
        assertEquals("the 3 planned looks are done", AdaptiveForks.plan(open, settings(6), 4, 1000).stop());
        assertEquals("every open pair is at the cap of 2 forks", AdaptiveForks.plan(open, settings(2), 2, 1000).stop());
        List<AdaptiveForks.Bench> decided = List.of(bench(HEADLINE, "ring", 10.0, 10.1), bench(HEADLINE, "fifo", 30.0, 30.3));
        AdaptiveForks.RoundPlan plan = AdaptiveForks.plan(decided, settings(6), 2, 1000);
        assertEquals("every judged pair is decided", plan.stop());
        assertEquals(Map.of(), plan.add());
    }

    @Test
    void badSettingsAndRoundsAreRejectedWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AdaptiveForks.Settings(DESIGN, 1.0, 6, 1, HEADLINE))
                .getMessage().contains("margin: 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AdaptiveForks.Settings(DESIGN, 1.25, 0, 1, HEADLINE))
                .getMessage().contains("maxForks: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AdaptiveForks.Bench(HEADLINE, "ring",
                ForkSample.of(new double[][] {{1}, {2}}), new int[] {1})).getMessage().contains("rounds: 1 for 2 forks"));
    }

    /**
     * The whole procedure on identical code: two results drawn from one distribution (10% fork-to-fork
     * spread), forks added by the planner wherever the pair is open, three looks. The share of trials
     * that end with "differs" stays within the 1% the design promises (fixed seed, 3000 trials; three
     * standard errors of slack).
     */
    @Test
    void identicalCodeIsCalledDifferentAtMostAlphaOfTheTimeOverTheAdaptiveRounds() {
        long seed = 7_2026_12L;
        SplittableRandom random = new SplittableRandom(seed);
        int trials = 3000;
        int differs = 0;
        int forks = 0;
        for (int t = 0; t < trials; t++) {
            List<double[]> means = new ArrayList<>(List.of(new double[0], new double[0]));
            List<int[]> rounds = new ArrayList<>(List.of(new int[0], new int[0]));
            for (int side = 0; side < 2; side++) {
                grow(means, rounds, side, 2, 1, random);
            }
            for (int round = 2; ; round++) {
                AdaptiveForks.RoundPlan plan = AdaptiveForks.plan(benches(means, rounds), settings(8), round, 1e9);
                if (plan.stop() != null) {
                    break;
                }
                for (Map.Entry<AdaptiveForks.Bench, Integer> e : plan.add().entrySet()) {
                    grow(means, rounds, e.getKey().allocator().equals("a") ? 0 : 1, e.getValue(), round, random);
                }
            }
            List<AdaptiveForks.Pair> last = AdaptiveForks.neighbourPairs(benches(means, rounds), DESIGN,
                    Math.max(max(rounds.get(0)), max(rounds.get(1))), 1.25);
            if (last.get(0).decision() == AdaptiveForks.Decision.DIFFERS) {
                differs++;
            }
            forks += means.get(0).length + means.get(1).length;
        }
        double rate = (double) differs / trials;
        assertTrue(rate <= 0.01 + 3 * Math.sqrt(0.01 * 0.99 / trials), "seed " + seed + ": " + rate);
        assertTrue(forks > trials * 4, "seed " + seed + ": the planner added forks (" + forks + " in all)");
    }

    private static int max(int[] a) {
        return Arrays.stream(a).max().orElse(1);
    }

    private static void grow(List<double[]> means, List<int[]> rounds, int side, int n, int round, SplittableRandom random) {
        double[] m = Arrays.copyOf(means.get(side), means.get(side).length + n);
        int[] r = Arrays.copyOf(rounds.get(side), rounds.get(side).length + n);
        for (int i = m.length - n; i < m.length; i++) {
            m[i] = 10 * Math.exp(0.1 * random.nextGaussian());
            r[i] = round;
        }
        means.set(side, m);
        rounds.set(side, r);
    }

    private static List<AdaptiveForks.Bench> benches(List<double[]> means, List<int[]> rounds) {
        List<AdaptiveForks.Bench> out = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            double[][] raw = new double[means.get(side).length][];
            for (int f = 0; f < raw.length; f++) {
                raw[f] = new double[] {means.get(side)[f]};
            }
            out.add(new AdaptiveForks.Bench(HEADLINE, side == 0 ? "a" : "b", ForkSample.of(raw), rounds.get(side)));
        }
        return out;
    }
}
