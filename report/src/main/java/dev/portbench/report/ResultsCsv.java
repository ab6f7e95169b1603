package dev.portbench.report;

import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.Interval;
import dev.portbench.stats.TailSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * {@code results.csv}: every result of a run's {@code jmh.json}, one row each, for spreadsheets.
 * Columns: the benchmark, its mode and unit, one column per parameter name found in the run,
 * JMH's score and 99.9% interval, the number of forks, the mean over forks with its 99% interval
 * (empty with one fork), the fork means separated by {@code ;}, the sample-time percentiles
 * (p50, p99, p99.9, p99.99, max) as JMH pooled them and the max's median over forks, and the gc
 * profiler's bytes per operation. Generated from {@code jmh.json} alone, byte-reproducible.
 */
public final class ResultsCsv {

    static final double[] PERCENTILES = {50.0, 99.0, 99.9, 99.99, 100.0};

    private ResultsCsv() {
    }

    public static String render(List<JmhResult> results) {
        TreeSet<String> paramNames = new TreeSet<>();
        for (JmhResult r : results) {
            paramNames.addAll(r.params().keySet());
        }
        List<String> header = new ArrayList<>(List.of("benchmark", "mode", "unit"));
        header.addAll(paramNames);
        header.addAll(List.of("score", "jmh_low_99.9", "jmh_high_99.9", "forks", "fork_mean", "fork_low_99", "fork_high_99",
                "fork_means", "p50", "p99", "p99.9", "p99.99", "max", "max_median_over_forks", "bytes_per_op"));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (JmhResult r : results) {
            StringJoiner row = new StringJoiner(",");
            row.add(r.benchmark()).add(r.mode()).add(r.unit());
            for (String p : paramNames) {
                row.add(r.params().getOrDefault(p, ""));
            }
            row.add(num(r.score())).add(num(r.low())).add(num(r.high()));
            ForkSample s = r.forkSample();
            TailSample t = r.raw().tailSample();
            int forks = s != null ? s.forkCount() : t != null ? t.forkCount() : 0;
            row.add(String.valueOf(forks));
            if (s != null) {
                Interval i = s.interval(Confidence.RANKING);
                row.add(num(i.estimate())).add(i.resolved() ? num(i.low()) : "").add(i.resolved() ? num(i.high()) : "");
                StringJoiner means = new StringJoiner(";");
                for (double m : s.forkMeans()) {
                    means.add(num(m));
                }
                row.add(means.toString());
            } else {
                row.add("").add("").add("").add("");
            }
            for (double p : PERCENTILES) {
                Double v = r.percentiles().get(p);
                row.add(v == null ? "" : num(v));
            }
            row.add(t == null ? "" : num(t.medianOverForks(100)));
            row.add(Double.isNaN(r.bytesPerOp()) ? "" : num(r.bytesPerOp()));
            csv.append(row).append('\n');
        }
        return csv.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
