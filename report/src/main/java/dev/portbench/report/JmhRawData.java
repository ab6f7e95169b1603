package dev.portbench.report;

import dev.portbench.stats.ForkSample;
import dev.portbench.stats.TailSample;

/**
 * The per-fork measurements of one JMH result, as Jackson read them from its {@code primaryMetric}
 * ({@link dev.portbench.runfolder.JmhResultFile.Metric}):
 * {@code rawData} holds one array of iteration scores per fork (average-time and single-shot
 * modes); {@code rawDataHistogram} holds, per fork and iteration, the sample-time histogram as
 * {@code [value, count]} pairs. Either may be absent (null).
 *
 * @param rawData fork x iteration scores, or null
 * @param rawDataHistogram fork x iteration x [value, count], or null
 * @param rounds the round of each fork and the sequential design its verdicts honour, for results that
 *     a run's adaptive rounds judged ({@code rounds.json}); null otherwise
 */
public record JmhRawData(double[][] rawData, double[][][][] rawDataHistogram, ForkRounds rounds) {

    /** No per-fork data (results built by hand, or files without it). */
    public static final JmhRawData NONE = new JmhRawData(null, null);

    /** Per-fork data of a run without adaptive rounds. */
    public JmhRawData(double[][] rawData, double[][][][] rawDataHistogram) {
        this(rawData, rawDataHistogram, null);
    }

    /**
     * The rounds of one result's forks in a run with adaptive rounds.
     *
     * @param design the run's group-sequential design
     * @param looks the rounds the run ran (its looks)
     * @param rounds the round of each fork, in rawData order
     */
    public record ForkRounds(dev.portbench.stats.SequentialDesign design, int looks, int[] rounds) {
    }

    /** The fork sample of {@link #rawData}, or null when absent. */
    public ForkSample forkSample() {
        return rawData == null || rawData.length == 0 ? null : ForkSample.of(rawData);
    }

    /** The sample-time histograms per fork, or null when absent. */
    public TailSample tailSample() {
        return rawDataHistogram == null || rawDataHistogram.length == 0 ? null : TailSample.of(rawDataHistogram);
    }

    /** Forks measured: the length of whichever array is present, else 0. */
    public int forks() {
        return rawData != null ? rawData.length : rawDataHistogram != null ? rawDataHistogram.length : 0;
    }
}
