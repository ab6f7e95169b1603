package dev.portbench.report;

import dev.portbench.runfolder.JmhResultFile;

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
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double low,
                        double high, String unit, Map<Double, Double> percentiles, double bytesPerOp) {

    public String param(String name) {
        return params.get(name);
    }

    /** Whether the two 99.9% intervals overlap: the difference is not significant. */
    public boolean overlaps(JmhResult other) {
        return low <= other.high && other.low <= high;
    }

    /** Half the interval's width, the "±" of JMH's table; NaN when there is no interval. */
    public double error() {
        return low == high ? Double.NaN : (high - low) / 2;
    }

    /** A key naming the benchmark and its parameters, stable across runs. */
    public String key() {
        StringBuilder b = new StringBuilder(benchmark);
        params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
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
        return new JmhResult(benchmark, r.mode(), params, score, low, high, primary.scoreUnit(), percentiles, bytes);
    }
}
