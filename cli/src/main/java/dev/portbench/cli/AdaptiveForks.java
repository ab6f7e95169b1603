package dev.portbench.cli;

import dev.portbench.runfolder.RoundsFile;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.RatioEstimate;
import dev.portbench.stats.SequentialDesign;
import org.apache.commons.statistics.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run's next round of forks goes: the decision logic of the adaptive forks, apart from
 * JMH so that tests can drive it with synthetic fork means.
 *
 * <p>After each round, every workload's results are sorted by mean and each adjacent pair
 * (neighbours in the ranking), and on the headline workload every pair, is judged by the
 * {@link SequentialDesign} over the looks so far ({@link #judgedPairs}: the report leads with the
 * headline's whole ranking, and a result whose forks spread widely can leave a pair of distant ranks
 * open while its neighbours are decided):
 * {@link Decision#DIFFERS} when an interval excludes 1, {@link Decision#WITHIN_MARGIN} when the
 * interval lies inside {@code [1/margin, margin]} (the two cannot differ by the margin: more forks
 * would only confirm a practical tie), else {@link Decision#OPEN}. Each open pair asks for the forks
 * that would decide it by the last planned look, in the manner of Stein's two-stage procedure
 * (Stein 1945, "A two-sample test for a linear hypothesis whose power is independent of the
 * variance", Ann. Math. Statist. 16(3):243-258): the fork-to-fork spread observed so far (pooled
 * over the workload's results, or over the pair's own two results where they spread more; on the
 * log scale) gives the forks per side whose interval at the
 * last look's level is narrower than the distance to the nearer decision (1, or the margin). Forks
 * are capped per benchmark; pairs of the headline workload, then pairs within reach of the cap,
 * then the cheapest go first, while the round's share of the remaining budget lasts (the budget
 * split evenly over the rounds left, so a pair decided early saves forks for later rounds).
 *
 * <p>Costs: O(n log n) per workload of n results for the neighbour pairs, O(n^2) interval
 * computations for the headline's pairs, O(cap) t quantiles per open pair.
 * Immutable inputs; nothing is kept between calls.
 */
final class AdaptiveForks {

    /** Fork-to-fork spread of log fork means when a workload has no two forks of one result yet: the committed full run's median (10.5%). */
    static final double DEFAULT_LOG_SD = 0.105;

    private AdaptiveForks() {
    }

    /** Where a judged pair stands. */
    enum Decision {
        DIFFERS, WITHIN_MARGIN, OPEN
    }

    /**
     * One replay result: its forks and the round of each.
     *
     * @param workload the workload id
     * @param allocator the allocator id
     * @param sample its forks
     * @param rounds the round of each fork (1-based), one per fork
     */
    record Bench(String workload, String allocator, ForkSample sample, int[] rounds) {

        Bench {
            if (rounds.length != sample.forkCount()) {
                throw new IllegalArgumentException("rounds: " + rounds.length + " for " + sample.forkCount() + " forks of "
                        + allocator + " on " + workload + " (expected one round per fork)");
            }
        }

        int forks() {
            return sample.forkCount();
        }

        /** The geometric mean of the fork means, by which the workload is ranked. */
        double geometricMean() {
            double sum = 0;
            for (double m : sample.forkMeans()) {
                sum += Math.log(m);
            }
            return Math.exp(sum / sample.forkCount());
        }

        String key() {
            return workload + " " + allocator;
        }
    }

    /**
     * Two results of one workload (neighbours in its ranking, or any two on the headline), cheaper first.
     *
     * @param cheaper the result with the lower mean
     * @param dearer the other
     * @param ratio dearer / cheaper, as the sequential design judges it (null when no look had forks on both sides)
     * @param decision where it stands
     */
    record Pair(Bench cheaper, Bench dearer, RatioEstimate ratio, Decision decision) {

        String workload() {
            return cheaper.workload();
        }

        /** e.g. {@code ratio 1.18 [0.95, 1.46] open}. */
        String state() {
            String d = switch (decision) {
                case DIFFERS -> "decided";
                case WITHIN_MARGIN -> "within the margin";
                case OPEN -> "open";
            };
            if (ratio == null || !ratio.resolved()) {
                return String.format(Locale.ROOT, "ratio %.2f (no interval yet) %s", ratio == null
                        ? dearer.geometricMean() / cheaper.geometricMean() : ratio.ratio(), d);
            }
            return String.format(Locale.ROOT, "ratio %.2f [%.2f, %.2f] %s", ratio.ratio(), ratio.low(), ratio.high(), d);
        }

        String names() {
            return cheaper.allocator() + " vs " + dearer.allocator() + " on " + workload();
        }
    }

    /**
     * What governs the rounds.
     *
     * @param design the group-sequential design (its looks are the planned rounds)
     * @param margin a pair whose interval lies within [1/margin, margin] is decided "within the margin"
     * @param maxForks the most forks one benchmark may reach
     * @param secondsPerFork estimated wall time of one fork
     * @param headline the workload whose pairs go first
     */
    record Settings(SequentialDesign design, double margin, int maxForks, double secondsPerFork, String headline) {

        Settings {
            if (!(margin > 1) || Double.isInfinite(margin)) {
                throw new IllegalArgumentException("margin: " + margin + " (expected: a finite ratio > 1)");
            }
            if (maxForks < 1) {
                throw new IllegalArgumentException("maxForks: " + maxForks + " (expected: >= 1)");
            }
            if (!(secondsPerFork > 0)) {
                throw new IllegalArgumentException("secondsPerFork: " + secondsPerFork + " (expected: > 0)");
            }
        }
    }

    /**
     * The next round, or why there is none.
     *
     * @param round the round planned (1-based: the first adaptive round is 2)
     * @param pairs every judged pair ({@link #judgedPairs}), as judged after the previous round
     * @param add forks to add, by benchmark, in the order chosen
     * @param additions why each benchmark gets them
     * @param stop why no round runs (add is then empty), else null
     */
    record RoundPlan(int round, List<Pair> pairs, Map<Bench, Integer> add, List<RoundsFile.Addition> additions, String stop) {

        List<Pair> open() {
            return pairs.stream().filter(p -> p.decision() == Decision.OPEN).toList();
        }

        int forks() {
            return add.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Every workload's neighbour pairs after {@code looks} looks, workloads in first-seen order.
     *
     * @throws IllegalArgumentException if a round of some fork exceeds {@code looks}
     */
    static List<Pair> neighbourPairs(List<Bench> benches, SequentialDesign design, int looks, double margin) {
        List<Pair> pairs = new ArrayList<>();
        for (List<Bench> rs : byWorkload(benches).values()) {
            List<Bench> sorted = ranked(rs);
            for (int i = 0; i + 1 < sorted.size(); i++) {
                pairs.add(pair(sorted.get(i), sorted.get(i + 1), design, looks, margin));
            }
        }
        return pairs;
    }

    /**
     * The pairs the rounds judge after {@code looks} looks: every workload's neighbour pairs
     * ({@link #neighbourPairs}), then every other pair of the {@code headline} workload, by the
     * cheaper's rank and then the dearer's. O(n^2) pairs on the headline's n results (105 for 15).
     */
    static List<Pair> judgedPairs(List<Bench> benches, SequentialDesign design, int looks, double margin, String headline) {
        List<Pair> pairs = neighbourPairs(benches, design, looks, margin);
        List<Bench> sorted = ranked(byWorkload(benches).getOrDefault(headline, List.of()));
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 2; j < sorted.size(); j++) {
                pairs.add(pair(sorted.get(i), sorted.get(j), design, looks, margin));
            }
        }
        return pairs;
    }

    private static List<Bench> ranked(List<Bench> results) {
        List<Bench> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(Bench::geometricMean).thenComparing(Bench::allocator));
        return sorted;
    }

    private static Pair pair(Bench cheaper, Bench dearer, SequentialDesign design, int looks, double margin) {
        RatioEstimate r = design.ratio(cheaper.sample(), cheaper.rounds(), dearer.sample(), dearer.rounds(), looks);
        return new Pair(cheaper, dearer, r, decide(r, margin));
    }

    static Decision decide(RatioEstimate r, double margin) {
        if (r == null || !r.resolved()) {
            return Decision.OPEN;
        }
        if (r.significant()) {
            return Decision.DIFFERS;
        }
        return r.low() >= 1 / margin && r.high() <= margin ? Decision.WITHIN_MARGIN : Decision.OPEN;
    }

    /**
     * Forks per side that would decide a pair of ratio {@code ratio} with log-scale spread
     * {@code logSd} at {@code confidence}: the fewest n (at least 2) whose pooled t interval on n
     * forks against n is narrower than the distance from the ratio to the nearer decision (1 to
     * differ, the margin to be within it); {@code cap + 1} when even {@code cap} forks would not.
     */
    static int forksNeeded(double ratio, double logSd, double confidence, double margin, int cap) {
        double d = Math.abs(Math.log(ratio));
        double target = Math.max(d, Math.log(margin) - d);
        for (int n = 2; n <= cap; n++) {
            double half = TDistribution.of(2 * n - 2).inverseCumulativeProbability(0.5 + confidence / 2)
                    * logSd * Math.sqrt(2.0 / n);
            if (half < target) {
                return n;
            }
        }
        return cap + 1;
    }

    /** The spread of one result's log fork means (0 with one fork). */
    static double logSd(Bench b) {
        return b.forks() < 2 ? 0 : pooledLogSd(List.of(b));
    }

    /** The pooled variance of log fork means over {@code benches} as a standard deviation, or the default without two forks. */
    static double pooledLogSd(List<Bench> benches) {
        double ss = 0;
        int df = 0;
        for (Bench b : benches) {
            double[] means = b.sample().forkMeans();
            if (means.length < 2) {
                continue;
            }
            double mean = 0;
            for (double m : means) {
                mean += Math.log(m);
            }
            mean /= means.length;
            for (double m : means) {
                ss += (Math.log(m) - mean) * (Math.log(m) - mean);
            }
            df += means.length - 1;
        }
        return df == 0 || ss == 0 ? DEFAULT_LOG_SD : Math.sqrt(ss / df);
    }

    /**
     * Plans round {@code round} (at least 2) after the looks so far, with {@code remainingSeconds}
     * of budget left for this and every later round.
     */
    static RoundPlan plan(List<Bench> benches, Settings s, int round, double remainingSeconds) {
        SequentialDesign design = s.design();
        List<Pair> pairs = judgedPairs(benches, design, round - 1, s.margin(), s.headline());
        List<Pair> open = pairs.stream().filter(p -> p.decision() == Decision.OPEN).toList();
        if (open.isEmpty()) {
            return new RoundPlan(round, pairs, Map.of(), List.of(), "every judged pair is decided");
        }
        if (round > design.looks()) {
            return new RoundPlan(round, pairs, Map.of(), List.of(), "the " + design.looks() + " planned looks are done");
        }
        double roundBudget = remainingSeconds / (design.looks() - round + 1);
        if (roundBudget < s.secondsPerFork()) {
            return new RoundPlan(round, pairs, Map.of(), List.of(), "the budget is spent");
        }
        Map<String, Double> sd = new LinkedHashMap<>();
        byWorkload(benches).forEach((w, rs) -> sd.put(w, pooledLogSd(rs)));
        double lastLevel = design.nominalConfidence(design.looks());
        record Want(Pair pair, int perSide) {
        }
        List<Want> wants = new ArrayList<>();
        for (Pair p : open) {
            double ratio = p.ratio() != null ? p.ratio().ratio() : p.dearer().geometricMean() / p.cheaper().geometricMean();
            // the pair's interval rests on its own two samples: a result whose forks spread more than the
            // workload's usual needs more forks than the pooled spread says
            double spread = Math.max(sd.get(p.workload()), pooledLogSd(List.of(p.cheaper(), p.dearer())));
            wants.add(new Want(p, forksNeeded(ratio, spread, lastLevel, s.margin(), s.maxForks())));
        }
        wants.sort(Comparator.comparing((Want w) -> !w.pair().workload().equals(s.headline()))
                .thenComparing(w -> w.perSide() > s.maxForks())
                .thenComparingInt(w -> Math.max(0, w.perSide() - w.pair().cheaper().forks())
                        + Math.max(0, w.perSide() - w.pair().dearer().forks())));
        Map<Bench, Integer> add = new LinkedHashMap<>();
        List<RoundsFile.Addition> additions = new ArrayList<>();
        double left = roundBudget;
        boolean capped = false;
        for (Want w : wants) {
            Bench a = w.pair().cheaper();
            Bench b = w.pair().dearer();
            int target = Math.min(w.perSide(), s.maxForks());
            int addA = Math.max(0, target - a.forks() - add.getOrDefault(a, 0));
            int addB = Math.max(0, target - b.forks() - add.getOrDefault(b, 0));
            if (addA + addB == 0) {
                // the plan said enough, the interval disagrees: one more fork on the side with fewer,
                // or with equal forks on the side whose forks spread more
                int forksA = a.forks() + add.getOrDefault(a, 0);
                int forksB = b.forks() + add.getOrDefault(b, 0);
                Bench fewer = forksA != forksB ? (forksA < forksB ? a : b)
                        : logSd(a) >= logSd(b) ? a : b;
                if (fewer.forks() + add.getOrDefault(fewer, 0) < s.maxForks()) {
                    if (fewer == a) {
                        addA = 1;
                    } else {
                        addB = 1;
                    }
                }
            }
            if (addA + addB == 0) {
                capped = true;
                continue;
            }
            while (addA + addB > 0 && (addA + addB) * s.secondsPerFork() > left) {
                // trim to what the round can pay, keeping the sides as even as possible
                if (addA >= addB) {
                    addA--;
                } else {
                    addB--;
                }
            }
            if (addA + addB == 0) {
                continue;
            }
            left -= (addA + addB) * s.secondsPerFork();
            String reason = w.pair().names() + ": " + w.pair().state()
                    + (w.perSide() > s.maxForks() ? " (would need more than " + s.maxForks() + " forks each)"
                    : " (about " + w.perSide() + " forks each would decide it)");
            if (addA > 0) {
                add.merge(a, addA, Integer::sum);
                additions.add(new RoundsFile.Addition(a.workload(), a.allocator(), addA, reason));
            }
            if (addB > 0) {
                add.merge(b, addB, Integer::sum);
                additions.add(new RoundsFile.Addition(b.workload(), b.allocator(), addB, reason));
            }
        }
        if (add.isEmpty()) {
            return new RoundPlan(round, pairs, Map.of(), List.of(), capped
                    ? "every open pair is at the cap of " + s.maxForks() + " forks" : "the budget is spent");
        }
        return new RoundPlan(round, pairs, add, additions, null);
    }

    private static Map<String, List<Bench>> byWorkload(List<Bench> benches) {
        Map<String, List<Bench>> m = new LinkedHashMap<>();
        for (Bench b : benches) {
            m.computeIfAbsent(b.workload(), k -> new ArrayList<>()).add(b);
        }
        return m;
    }
}
