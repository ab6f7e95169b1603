package dev.portbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portbench.io.AtomicFiles;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.Interval;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

    /** A key naming the benchmark and its parameters, stable across runs. */
    public String key() {
        StringBuilder b = new StringBuilder(benchmark);
        params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    static JmhResult parse(JsonNode n, Path file, int index) {
        String where = file + ": result " + index;
        String full = text(n, "benchmark", where);
        int dot = full.lastIndexOf('.', full.lastIndexOf('.') - 1);
        String benchmark = full.substring(dot + 1);
        String mode = text(n, "mode", where);
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = n.get("params");
        if (p != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode primary = n.get("primaryMetric");
        if (primary == null || !primary.isObject()) {
            throw new IllegalArgumentException(where + ": no primaryMetric object");
        }
        double score = number(primary.get("score"), where + " primaryMetric.score");
        double low = score;
        double high = score;
        JsonNode conf = primary.get("scoreConfidence");
        if (conf != null && conf.isArray() && conf.size() == 2) {
            double l = number(conf.get(0), where + " scoreConfidence");
            double h = number(conf.get(1), where + " scoreConfidence");
            if (!Double.isNaN(l) && !Double.isNaN(h)) {
                low = l;
                high = h;
            }
        }
        String unit = text(primary, "scoreUnit", where + " primaryMetric");
        Map<Double, Double> percentiles = new TreeMap<>();
        JsonNode pct = primary.get("scorePercentiles");
        if (pct != null && "sample".equals(mode)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pct.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    percentiles.put(Double.parseDouble(e.getKey()), number(e.getValue(), where + " percentile " + e.getKey()));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(where + ": percentile key '" + e.getKey() + "' is not a number");
                }
            }
        }
        double bytes = Double.NaN;
        JsonNode secondary = n.get("secondaryMetrics");
        if (secondary != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().replace("\u00b7", "").equals("gc.alloc.rate.norm")) {
                    bytes = number(e.getValue().get("score"), where + " gc.alloc.rate.norm");
                }
            }
        }
        JmhRawData raw;
        try {
            raw = AtomicFiles.JSON.treeToValue(primary, JmhRawData.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": malformed rawData or rawDataHistogram: " + e.getMessage());
        }
        return new JmhResult(benchmark, mode, params, score, low, high, unit, percentiles, bytes, raw);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": missing text field '" + field + "'");
        }
        return v.asText();
    }

    /** A JSON number, or one of JMH's strings "NaN", "Infinity", "+INF", "-INF". */
    static double number(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing number");
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                case "+INF":
                case "+Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                case "-INF":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(where + ": '" + v + "' is not a number");
    }
}
