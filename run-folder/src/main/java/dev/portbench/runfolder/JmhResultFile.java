package dev.portbench.runfolder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.portbench.allocator.variants.AllocatorCatalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH's JSON result file ({@code jmh.json}, written by {@code -rf json}): an array of these, of
 * which the report reads only the fields below (JMH's own format; other fields are ignored). JMH
 * writes NaN and infinities as the strings "NaN", "+INF", "-INF"; {@link RunFiles} reads them as
 * doubles.
 *
 * @param benchmark the benchmark method's fully qualified name
 * @param mode JMH's mode ({@code avgt}, {@code sample}, ...)
 * @param params the benchmark's parameters, in JMH's order; the allocator as its registry id
 *               ({@code timing-wheel}), whether JMH wrote the enum constant's name ({@code TIMING_WHEEL},
 *               as the benchmarks' {@code @Param AllocatorCatalog} now does) or the id (older runs)
 * @param primaryMetric the score
 * @param secondaryMetrics the profilers' metrics, e.g. {@code gc.alloc.rate.norm}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JmhResultFile(String benchmark, String mode, Map<String, String> params, Metric primaryMetric,
                            Map<String, Metric> secondaryMetrics) {

    /** The parameter that names the allocator in every benchmark that takes one. */
    private static final String ALLOCATOR = "allocator";

    /**
     * Normalizes the allocator parameter to its id, here where every JMH result file is read, so
     * that reports, comparisons, CSV and charts show ids whichever form the file holds.
     *
     * @throws IllegalArgumentException naming the known ids if the allocator is not in the registry
     */
    public JmhResultFile {
        String allocator = params == null ? null : params.get(ALLOCATOR);
        if (allocator != null) {
            String id = AllocatorCatalog.fromId(allocator).id();
            if (!id.equals(allocator)) {
                Map<String, String> normalized = new LinkedHashMap<>(params);
                normalized.put(ALLOCATOR, id);
                params = Collections.unmodifiableMap(normalized);
            }
        }
    }

    /**
     * @param score the score
     * @param scoreConfidence the 99.9% interval's ends, or NaNs when JMH could not compute one
     * @param scorePercentiles percentile (0..100, as JMH's text keys) to value
     * @param scoreUnit e.g. {@code ns/op}
     * @param rawData one array of iteration scores per fork (average-time and single-shot modes), or null
     * @param rawDataHistogram per fork and iteration, the sample-time histogram as [value, count] pairs, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metric(Double score, List<Double> scoreConfidence, Map<String, Double> scorePercentiles, String scoreUnit,
                         double[][] rawData, double[][][][] rawDataHistogram) {

        /** A metric without per-fork data. */
        public Metric(Double score, List<Double> scoreConfidence, Map<String, Double> scorePercentiles, String scoreUnit) {
            this(score, scoreConfidence, scorePercentiles, scoreUnit, null, null);
        }
    }
}
