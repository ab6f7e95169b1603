package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.Interval;
import dev.portbench.stats.RatioEstimate;
import dev.portbench.stats.TailSample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report's bulk-expiry section: the single call that frees N ports due at once, timed
 * directly ({@code BulkExpiryBenchmark}, single-shot), and the {@code burst} workload's tail where
 * the bulk expiry shows (p99.99 and max, one event in 7,952), each with its spread across forks:
 * a tail estimated from one fork is one draw, so the median over forks is given with the lowest
 * and highest fork beside it.
 */
final class TailSection {

    static final String BULK = "BulkExpiryBenchmark.expireAll";
    static final String BURST = "BurstLatencyBenchmark.replay";
    static final double[] TAIL_PERCENTILES = {99.9, 99.99, 100.0};

    private TailSection() {
    }

    /** The recommendation's tail line: the cheapest bulk expiry of the largest range, with its margin. */
    static String tradeOff(RunData run) {
        List<JmhResult> bulk = bulkOf(run, "64512");
        if (bulk.isEmpty()) {
            return "- Tail: this run did not time the bulk expiry (BulkExpiryBenchmark); p99.9 of `burst` is shared "
                    + "machine noise and names no winner.\n";
        }
        bulk.sort(Comparator.comparingDouble(TailSection::median));
        JmhResult best = bulk.get(0);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "- Tail: freeing 64512 ports due at once takes "
                + "one call of %s us on **%s** (median over forks)", Format.ns(median(best)), best.param("allocator")));
        if (bulk.size() > 1) {
            JmhResult next = bulk.get(1);
            RatioEstimate r = Analysis.ratio(best, next);
            b.append(String.format(Locale.ROOT, "; the next, %s, takes %s as long", next.param("allocator"),
                    Format.ratio(median(next) / median(best))));
            b.append(r == null || !r.resolved() ? " (not resolved: too few forks)"
                    : String.format(Locale.ROOT, " (%s-%s at %d%%, over forks%s)", Format.ratio(r.low()), Format.ratio(r.high()),
                    Math.round(100 * r.confidence()), r.significant() ? "" : ": not told apart"));
        }
        return b.append(".\n").toString();
    }

    static void append(StringBuilder md, RunData run) {
        List<JmhResult> small = bulkOf(run, "3976");
        List<JmhResult> large = bulkOf(run, "64512");
        List<JmhResult> burst = run.of(BURST);
        if (small.isEmpty() && large.isEmpty() && burst.isEmpty()) {
            return;
        }
        md.append("## The bulk expiry: the worst call, measured\n\n");
        if (!large.isEmpty() || !small.isEmpty()) {
            md.append("`BulkExpiryBenchmark`: every port of the range released in one instant, then the one `expire` call "
                    + "that frees them all, timed alone (JMH single-shot; the call before it, one nanosecond before the "
                    + "deadline, brings a wheel up to the deadline's tick untimed). Microseconds per call: the median of "
                    + "the fork means, the lowest and highest fork, the 99% interval of the mean over forks, and the slowest "
                    + "single call seen.\n\n");
            md.append("| allocator | ports | median us | forks: lowest-highest | 99% interval | slowest call |\n");
            md.append("|---|---:|---:|---:|---:|---:|\n");
            List<JmhResult> all = new ArrayList<>(large);
            all.sort(Comparator.comparingDouble(TailSection::median));
            List<String> order = all.stream().map(r -> r.param("allocator")).toList();
            List<JmhResult> rows = new ArrayList<>();
            for (String id : order) {
                small.stream().filter(r -> id.equals(r.param("allocator"))).forEach(rows::add);
                large.stream().filter(r -> id.equals(r.param("allocator"))).forEach(rows::add);
            }
            small.stream().filter(r -> !order.contains(r.param("allocator"))).forEach(rows::add);
            for (JmhResult r : rows) {
                ForkSample s = r.forkSample();
                if (s == null) {
                    continue;
                }
                double[] means = s.forkMeans();
                Interval i = s.interval(Confidence.RANKING);
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s-%s (%d) | %s | %s |%n", r.param("allocator"),
                        r.param("ports"), Format.ns(median(r)), Format.ns(min(means)), Format.ns(max(means)), means.length,
                        i.resolved() ? Format.ns(i.low()) + "-" + Format.ns(i.high()) : "not resolved (1 fork)",
                        Format.ns(slowest(s))));
            }
            md.append("\n").append(tradeOff(run).substring(2)).append("\n");
        }
        if (!burst.isEmpty()) {
            md.append("### Where the bulk expiry shows in the `burst` tail\n\n");
            md.append("On `burst` the bulk expiry is one event in 7,952: it is invisible at p99.9, which catches machine "
                    + "noise every allocator shares, and shows at p99.99 and in the max. Each cell is the median over "
                    + "forks of that fork's percentile (nanoseconds), with the lowest and highest fork after it.\n\n");
            md.append("| allocator | forks | p99.9 | p99.99 | max |\n|---|---:|---:|---:|---:|\n");
            List<JmhResult> sorted = new ArrayList<>(burst);
            sorted.sort(Comparator.comparingDouble(r -> tailMedian(r, 100.0)));
            for (JmhResult r : sorted) {
                TailSample t = r.raw().tailSample();
                md.append("| ").append(r.param("allocator")).append(" | ").append(t == null ? "-" : t.forkCount());
                for (double p : TAIL_PERCENTILES) {
                    md.append(" | ").append(t == null ? "n/a" : cell(t, p));
                }
                md.append(" |\n");
            }
            md.append("\n");
        }
    }

    private static String cell(TailSample t, double p) {
        double[] v = t.perFork(p);
        String median = Format.ns(t.medianOverForks(p));
        return v.length == 1 ? median : median + " (" + Format.ns(min(v)) + "-" + Format.ns(max(v)) + ")";
    }

    private static double tailMedian(JmhResult r, double p) {
        TailSample t = r.raw().tailSample();
        return t == null ? Double.POSITIVE_INFINITY : t.medianOverForks(p);
    }

    private static List<JmhResult> bulkOf(RunData run, String ports) {
        List<JmhResult> out = new ArrayList<>();
        for (JmhResult r : run.of(BULK)) {
            if (ports.equals(r.param("ports"))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The median of the fork means (the score when there is no per-fork data). */
    static double median(JmhResult r) {
        ForkSample s = r.forkSample();
        if (s == null) {
            return r.score();
        }
        double[] m = s.forkMeans();
        Arrays.sort(m);
        int n = m.length;
        return n % 2 == 1 ? m[n / 2] : (m[n / 2 - 1] + m[n / 2]) / 2;
    }

    private static double slowest(ForkSample s) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < s.forkCount(); f++) {
            worst = Math.max(worst, max(s.fork(f)));
        }
        return worst;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
