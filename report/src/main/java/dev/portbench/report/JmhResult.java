package dev.portbench.report;

import dev.portbench.runfolder.JmhResultFile;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.Interval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark result from JMH's JSON result file: the benchmark's short name, its parameters,
 * the primary score with its 99.9% confidence interval, the percentiles of a sample-time
 * benchmark, and the gc profiler's bytes per operation. JMH writes NaN and infinities as strings;
 * they are read back as doubles.
 *
 * @param benchmark the class and method, e.g. {@code ReplayBenchmark.replay}
 * @param mode JMH's mode name ({@code avgt}, {@code sample}, ...)
 * @param params the benchmark parameters, in JMH's order
 * @param score the primary score
 * @param low lower end of the 99.9% interval (the score itself when JMH gave none)
 * @param high upper end of the 99.9% interval
 * @param unit the score's unit, e.g. {@code ns/op}
 * @param percentiles percentile (0..100) to value, for sample-time results; empty otherwise
 * @param bytesPerOp {@code gc.alloc.rate.norm}, NaN when the gc profiler did not run
 * @param raw the per-fork measurements, on which the suite's intervals rest ({@link JmhRawData#NONE} if absent)
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double low,
                        double high, String unit, Map<Double, Double> percentiles, double bytesPerOp, JmhRawData raw) {

    /** A result without per-fork data. */
    public JmhResult(String benchmark, String mode, Map<String, String> params, double score, double low,
                     double high, String unit, Map<Double, Double> percentiles, double bytesPerOp) {
        this(benchmark, mode, params, score, low, high, unit, percentiles, bytesPerOp, JmhRawData.NONE);
    }

    /** The per-fork sample of the primary score, or null when the file held none. */
    public ForkSample forkSample() {
        return raw.forkSample();
    }

    /**
     * The interval over fork means at {@code confidence}: not resolved for a single fork or
     * when the file held no per-fork data (then the estimate is the score).
     */
    public Interval forkInterval(double confidence) {
        ForkSample s = forkSample();
        return s == null ? new Interval(score, Double.NaN, Double.NaN, 0, confidence) : s.interval(confidence);
    }

    /** This result with the rounds of its forks attached. */
    JmhResult withRounds(JmhRawData.ForkRounds rounds) {
        return new JmhResult(benchmark, mode, params, score, low, high, unit, percentiles, bytesPerOp,
                new JmhRawData(raw.rawData(), raw.rawDataHistogram(), rounds));
    }

    public String param(String name) {
        return params.get(name);
    }

    /**
     * Whether the two cannot be told apart: neither is significantly cheaper over fork means
     * ({@link Analysis#cheaper}), or the data cannot say.
     */
    public boolean overlaps(JmhResult other) {
        return !Boolean.TRUE.equals(Analysis.cheaper(this, other)) && !Boolean.TRUE.equals(Analysis.cheaper(other, this));
    }

    /**
     * The "±" the report prints: half the interval over fork means at {@link Confidence#RANKING};
     * NaN when not resolved (a single fork). Results without per-fork data (built by hand) fall
     * back to JMH's interval, NaN when JMH gave none.
     */
    public double error() {
        if (forkSample() != null) {
            return forkInterval(Confidence.RANKING).halfWidth();
        }
        return low == high ? Double.NaN : (high - low) / 2;
    }

    /**
     * A key naming the benchmark and its parameters, stable across runs. A parameter left empty
     * (as {@code traceFile} is for a synthetic workload) is not part of it, so a run made before
     * such a parameter existed keys the same benchmark the same way.
     */
    public String key() {
        StringBuilder b = new StringBuilder(benchmark);
        params.forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.append(' ').append(k).append('=').append(v);
            }
        });
        return b.toString();
    }

    /** The result JMH wrote as {@code r}; {@code where} names it in error messages. */
    static JmhResult of(JmhResultFile r, String where) {
        if (r.benchmark() == null || r.mode() == null) {
            throw new IllegalArgumentException(where + ": missing 'benchmark' or 'mode'");
        }
        String full = r.benchmark();
        int dot = full.lastIndexOf('.', full.lastIndexOf('.') - 1);
        String benchmark = full.substring(dot + 1);
        Map<String, String> params = r.params() == null ? Map.of() : new LinkedHashMap<>(r.params());
        JmhResultFile.Metric primary = r.primaryMetric();
        if (primary == null || primary.score() == null || primary.scoreUnit() == null) {
            throw new IllegalArgumentException(where + ": no primaryMetric with a score and a scoreUnit");
        }
        double score = primary.score();
        double low = score;
        double high = score;
        List<Double> conf = primary.scoreConfidence();
        if (conf != null && conf.size() == 2 && conf.get(0) != null && conf.get(1) != null
                && !Double.isNaN(conf.get(0)) && !Double.isNaN(conf.get(1))) {
            low = conf.get(0);
            high = conf.get(1);
        }
        Map<Double, Double> percentiles = new TreeMap<>();
        if (primary.scorePercentiles() != null && "sample".equals(r.mode())) {
            for (Map.Entry<String, Double> e : primary.scorePercentiles().entrySet()) {
                try {
                    percentiles.put(Double.parseDouble(e.getKey()), e.getValue());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(where + ": percentile key '" + e.getKey() + "' is not a number");
                }
            }
        }
        double bytes = Double.NaN;
        if (r.secondaryMetrics() != null) {
            for (Map.Entry<String, JmhResultFile.Metric> e : r.secondaryMetrics().entrySet()) {
                if (e.getKey().replace("\u00b7", "").equals("gc.alloc.rate.norm") && e.getValue().score() != null) {
                    bytes = e.getValue().score();
                }
            }
        }
        JmhRawData raw;
        try {
            raw = new JmhRawData(primary.rawData(), primary.rawDataHistogram());
            raw.forkSample();
            raw.tailSample();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return new JmhResult(benchmark, r.mode(), params, score, low, high, primary.scoreUnit(), percentiles, bytes, raw);
    }
}
