package dev.portbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portbench.io.AtomicFiles;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JMH result files of one run's passes joined into one {@code jmh.json}: the arrays concatenated
 * in pass order, every result object untouched, written compact (one line; JMH's indented form
 * is several times larger). The part files other than {@code out} are deleted afterwards.
 *
 * <p>{@link #appendForks} adds a later round's forks to the results of the main pass they repeat:
 * each fork's iterations appended to {@code primaryMetric.rawData}, {@code forks} counted again,
 * and the score, its error, interval and percentiles recomputed over every iteration by JMH's own
 * {@link ListStatistics}, as JMH computes them for one run (so tools that read JMH's JSON see all
 * forks). Secondary metrics (the gc profiler's) stay those of the first round.
 */
final class JmhJsonFiles {

    private JmhJsonFiles() {
    }

    static void mergeCompact(List<Path> parts, Path out) {
        ArrayNode all = AtomicFiles.JSON.createArrayNode();
        for (Path part : parts) {
            all.addAll(readArray(part));
        }
        try {
            AtomicFiles.write(out, AtomicFiles.JSON.writeValueAsString(all) + "\n");
            for (Path part : parts) {
                if (!part.equals(out)) {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends the forks of {@code round} (a JMH result file of benchmarks already in {@code main})
     * to their results in {@code main}, rewrites {@code main} compact and deletes {@code round}.
     *
     * @throws IllegalStateException if a result of the round has no counterpart in main, or lacks rawData
     */
    static void appendForks(Path main, Path round) {
        ArrayNode all = readArray(main);
        for (JsonNode r : readArray(round)) {
            ObjectNode target = null;
            for (JsonNode m : all) {
                if (m.path("benchmark").equals(r.path("benchmark")) && m.path("params").equals(r.path("params"))) {
                    target = (ObjectNode) m;
                    break;
                }
            }
            if (target == null) {
                throw new IllegalStateException(round + ": " + r.path("benchmark").asText() + " " + r.path("params")
                        + " is not in " + main + " (expected a round to repeat benchmarks of the main pass)");
            }
            JsonNode added = r.path("primaryMetric").path("rawData");
            ObjectNode metric = (ObjectNode) target.path("primaryMetric");
            if (!added.isArray() || !metric.path("rawData").isArray()) {
                throw new IllegalStateException(round + ": " + r.path("benchmark").asText() + " has no rawData to merge");
            }
            ArrayNode raw = (ArrayNode) metric.get("rawData");
            raw.addAll((ArrayNode) added);
            target.put("forks", raw.size());
            ListStatistics stats = new ListStatistics();
            for (JsonNode fork : raw) {
                for (JsonNode v : fork) {
                    stats.addValue(v.asDouble());
                }
            }
            metric.put("score", stats.getMean());
            metric.put("scoreError", stats.getMeanErrorAt(0.999));
            double[] ci = stats.getConfidenceIntervalAt(0.999);
            metric.putArray("scoreConfidence").add(ci[0]).add(ci[1]);
            if (metric.path("scorePercentiles").isObject()) {
                ObjectNode percentiles = (ObjectNode) metric.get("scorePercentiles");
                List<String> keys = new ArrayList<>();
                percentiles.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    percentiles.put(k, stats.getPercentile(Double.parseDouble(k)));
                }
            }
        }
        try {
            AtomicFiles.write(main, AtomicFiles.JSON.writeValueAsString(all) + "\n");
            Files.deleteIfExists(round);
        } catch (IOException e) {
            throw new UncheckedIOException(main + ": " + e.getMessage(), e);
        }
    }

    private static ArrayNode readArray(Path file) {
        try {
            JsonNode n = AtomicFiles.JSON.readTree(file.toFile());
            if (n == null || !n.isArray()) {
                throw new IllegalStateException(file + ": expected JMH's JSON result array");
            }
            return (ArrayNode) n;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
