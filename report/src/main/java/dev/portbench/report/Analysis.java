package dev.portbench.report;

import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.RatioEstimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arithmetic behind the report's tables and recommendation, kept apart from the formatting
 * so that tests can check it: ranking with ties, ratios, and the per-workload pick.
 */
public final class Analysis {

    /** The registry id of the {@code java.util} peer baseline every ratio is taken against. */
    public static final String JAVA_UTIL = dev.portbench.allocator.variants.AllocatorCatalog.BASELINE.id();

    private Analysis() {
    }

    /**
     * A result with its rank.
     *
     * @param rank 1 + the number of results significantly cheaper than this one
     * @param tied whether another result shares the rank
     * @param resolved whether every comparison of this result with the others could be made
     *     (both sides have per-fork data and together at least three forks); when not, the rank
     *     is the order of the means only, and says nothing
     */
    public record Ranked(JmhResult result, int rank, boolean tied, boolean resolved) {
    }

    /**
     * Whether {@code a} is significantly cheaper than {@code b}: the interval of the ratio b / a
     * over fork means ({@link RatioEstimate}, {@link Confidence#RANKING}) lies above 1. Null
     * when the data cannot say (too few forks, or no per-fork data).
     */
    public static Boolean cheaper(JmhResult a, JmhResult b) {
        RatioEstimate r = ratio(a, b);
        return r == null || !r.resolved() ? null : r.verdict() == RatioEstimate.Verdict.HIGHER;
    }

    /**
     * {@code next / base} over fork means at {@link Confidence#RANKING}, or null without per-fork data. When both
     * were judged by a run's adaptive rounds ({@link JmhRawData.ForkRounds}), the run's sequential design decides
     * ({@link dev.portbench.stats.SequentialDesign#ratio}): the interval of the first look that excludes 1, else
     * of the last, each at its look's nominal level, so that the verdict is at 99% over all looks.
     */
    public static RatioEstimate ratio(JmhResult base, JmhResult next) {
        ForkSample a = base.forkSample();
        ForkSample b = next.forkSample();
        if (a == null || b == null) {
            return null;
        }
        JmhRawData.ForkRounds ra = base.raw().rounds();
        JmhRawData.ForkRounds rb = next.raw().rounds();
        if (ra != null && rb != null) {
            return ra.design().ratio(a, ra.rounds(), b, rb.rounds(), ra.looks());
        }
        return RatioEstimate.of(a, b, Confidence.RANKING);
    }

    /**
     * Ranks results by score. A result's rank is one more than the number of results that are
     * significantly cheaper ({@link #cheaper}: the ratio's interval over fork means excludes 1),
     * so results that cannot be told apart share a rank: they are ties, not ordered. With a
     * single fork nothing is resolved: every result is ranked 1 and marked unresolved.
     */
    public static List<Ranked> rank(List<JmhResult> results) {
        List<JmhResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(JmhResult::score).thenComparing(JmhResult::key));
        List<Ranked> out = new ArrayList<>();
        for (JmhResult r : sorted) {
            int better = 0;
            boolean resolved = true;
            for (JmhResult o : sorted) {
                if (o == r) {
                    continue;
                }
                Boolean cheaper = cheaper(o, r);
                if (cheaper == null) {
                    resolved = false;
                } else if (cheaper) {
                    better++;
                }
            }
            out.add(new Ranked(r, better + 1, false, resolved));
        }
        List<Ranked> marked = new ArrayList<>();
        for (Ranked r : out) {
            boolean tied = out.stream().anyMatch(o -> o != r && o.rank() == r.rank());
            marked.add(new Ranked(r.result(), r.rank(), tied, r.resolved()));
        }
        return marked;
    }

    /** The result of allocator {@code id} among {@code results}, or null. */
    public static JmhResult byAllocator(List<JmhResult> results, String id) {
        for (JmhResult r : results) {
            if (id.equals(r.param("allocator"))) {
                return r;
            }
        }
        return null;
    }

    /** What a workload's table says in one sentence, and the numbers behind it. */
    public record Pick(String workload, List<String> winners, double bestScore, double speedupVsJavaUtil,
                       String runnerUp, double marginOverRunnerUp, double harness, double netSpeedupVsJavaUtil,
                       RatioEstimate margin, boolean resolved) {

        public String sentence() {
            StringBuilder b = new StringBuilder();
            if (!resolved) {
                b.append("**").append(winners.get(0)).append("** has the lowest mean (not resolved: a ranking needs "
                        + "per-fork data from at least two forks)");
            } else {
                b.append(winners.size() == 1 ? "**" + winners.get(0) + "**"
                        : "a tie between **" + String.join("**, **", winners) + "** (not told apart at "
                        + Math.round(100 * Confidence.RANKING) + "% over forks)");
            }
            b.append(String.format(Locale.ROOT, ": %s ns/event", Format.ns(bestScore)));
            if (!Double.isNaN(speedupVsJavaUtil)) {
                b.append(String.format(Locale.ROOT, ", %s faster than the java.util baseline", Format.ratio(speedupVsJavaUtil)));
                if (!Double.isNaN(netSpeedupVsJavaUtil)) {
                    b.append(String.format(Locale.ROOT, " (%s net of the %s ns empty-replay floor)",
                            Format.ratio(netSpeedupVsJavaUtil), Format.ns(harness)));
                }
            }
            if (runnerUp != null) {
                b.append(String.format(Locale.ROOT, "; the next, %s, costs %s as much", runnerUp, Format.ratio(marginOverRunnerUp)));
                if (margin != null && margin.resolved()) {
                    b.append(String.format(Locale.ROOT, " (%s-%s at %d%%, over forks)", Format.ratio(margin.low()),
                            Format.ratio(margin.high()), Math.round(100 * Confidence.RANKING)));
                }
            }
            return b.toString();
        }
    }

    /** The pick for one workload's replay results. */
    public static Pick pick(String workload, List<JmhResult> results) {
        return pick(workload, results, Double.NaN);
    }

    /**
     * The pick for one workload's replay results, with the harness baseline's score (NaN if not
     * measured): the net speed-up divides the costs after subtracting that floor.
     */
    public static Pick pick(String workload, List<JmhResult> results, double harness) {
        List<Ranked> ranked = rank(results);
        List<String> winners = new ArrayList<>();
        JmhResult first = ranked.get(0).result();
        double best = first.score();
        boolean resolved = ranked.stream().allMatch(Ranked::resolved);
        String runnerUp = null;
        double margin = Double.NaN;
        RatioEstimate marginInterval = null;
        for (Ranked r : ranked) {
            if (r.rank() == 1 && (resolved || winners.isEmpty())) {
                winners.add(r.result().param("allocator"));
            } else if (runnerUp == null) {
                runnerUp = r.result().param("allocator");
                margin = r.result().score() / best;
                marginInterval = ratio(first, r.result());
            }
        }
        JmhResult base = byAllocator(results, JAVA_UTIL);
        double speedup = base == null ? Double.NaN : base.score() / best;
        double net = base == null || Double.isNaN(harness) || harness >= best ? Double.NaN
                : (base.score() - harness) / (best - harness);
        return new Pick(workload, winners, best, speedup, runnerUp, margin, harness, net, marginInterval, resolved);
    }

    /**
     * The allocator with the lowest geometric mean of (score / fastest score) over the given
     * workloads, with that mean: the best all-rounder.
     */
    public static Map.Entry<String, Double> allRounder(Map<String, List<JmhResult>> byWorkload) {
        Map<String, double[]> logSum = new LinkedHashMap<>();
        for (List<JmhResult> results : byWorkload.values()) {
            double best = results.stream().mapToDouble(JmhResult::score).min().orElse(Double.NaN);
            for (JmhResult r : results) {
                double[] acc = logSum.computeIfAbsent(r.param("allocator"), k -> new double[2]);
                acc[0] += Math.log(r.score() / best);
                acc[1]++;
            }
        }
        String bestId = null;
        double bestMean = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[]> e : logSum.entrySet()) {
            if (e.getValue()[1] != byWorkload.size()) {
                continue; // not measured on every workload
            }
            double mean = Math.exp(e.getValue()[0] / e.getValue()[1]);
            if (mean < bestMean) {
                bestMean = mean;
                bestId = e.getKey();
            }
        }
        return bestId == null ? null : Map.entry(bestId, bestMean);
    }

    /** Number formatting shared by the report and the comparison. */
    public static final class Format {
        private Format() {
        }

        /** Nanoseconds with three significant digits. */
        public static String ns(double v) {
            if (Double.isNaN(v)) {
                return "n/a";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            double a = Math.abs(v);
            if (a >= 1000) {
                return String.format(Locale.ROOT, "%,.0f", v);
            }
            if (a >= 100) {
                return String.format(Locale.ROOT, "%.0f", v);
            }
            if (a >= 10) {
                return String.format(Locale.ROOT, "%.1f", v);
            }
            return String.format(Locale.ROOT, "%.2f", v);
        }

        public static String ratio(double v) {
            if (Double.isNaN(v)) {
                return "n/a";
            }
            return v >= 10 ? String.format(Locale.ROOT, "%.0fx", v) : String.format(Locale.ROOT, "%.2fx", v);
        }

        public static String bytes(double v) {
            if (Double.isNaN(v)) {
                return "n/a";
            }
            if (Math.abs(v) < 0.01) {
                return "0";
            }
            return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
        }

        public static String percent(double v) {
            return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v * 100);
        }
    }
}
