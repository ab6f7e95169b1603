package dev.portbench.trace;

import dev.portbench.runfolder.TraceFile;
import it.unimi.dsi.fastutil.longs.LongArrays;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a trace holds, for the report and the command line: connections, duration, the rate over
 * time, destinations, holding times, peak concurrency, how connections ended and which local
 * ports were seen. Computed in O(n log n) (two sorts); written as part of {@code trace.json}.
 *
 * @param source the file (or workload) it came from
 * @param stats what the import read and skipped
 * @param connections connections
 * @param durationSeconds first open to last close
 * @param meanRatePerSecond connections / the span of opens
 * @param rateWindowSeconds width of the windows of {@code ratePerWindow}
 * @param ratePerWindow connections opened per second, per window (at most 60 windows)
 * @param peakRatePerSecond the busiest window's rate
 * @param destinations distinct destinations
 * @param topDestinations the 10 busiest destinations and their connection counts
 * @param holdingSeconds holding time (close - open) percentiles: p50, p90, p99, max, and the mean
 * @param peakConcurrency most connections open at once
 * @param ends connections per end ({@link ConnectionEnd#id()})
 * @param localPortsSeen connections with a recorded local port
 * @param localPortMin lowest local port seen, or -1
 * @param localPortMax highest local port seen, or -1
 */
public record TraceSummary(String source, ImportStats stats, long connections, double durationSeconds,
                           double meanRatePerSecond, double rateWindowSeconds, double[] ratePerWindow,
                           double peakRatePerSecond, int destinations, Map<String, Long> topDestinations,
                           Map<String, Double> holdingSeconds, int peakConcurrency, Map<String, Long> ends,
                           long localPortsSeen, int localPortMin, int localPortMax) {

    static final int RATE_WINDOWS = 60;

    public static TraceSummary of(ConnectionTrace t) {
        int n = t.size();
        long start = t.start();
        long end = t.end();
        long openSpan = n == 0 ? 0 : t.open(n - 1) - start;
        long window = Math.max(1_000_000_000L, (openSpan + RATE_WINDOWS) / RATE_WINDOWS);
        int windows = (int) Math.min(RATE_WINDOWS, openSpan / window + 1);
        double[] rate = new double[n == 0 ? 0 : windows];
        long[] holds = new long[n];
        long[] closes = new long[n];
        long[] perDestination = new long[t.destinations().size()];
        long[] ends = new long[ConnectionEnd.values().length];
        long portsSeen = 0;
        int portMin = Integer.MAX_VALUE;
        int portMax = -1;
        double holdSum = 0;
        for (int i = 0; i < n; i++) {
            rate[(int) Math.min(windows - 1, (t.open(i) - start) / window)]++;
            holds[i] = t.close(i) - t.open(i);
            holdSum += holds[i];
            closes[i] = t.close(i);
            perDestination[t.destination(i)]++;
            ends[t.end(i).ordinal()]++;
            int p = t.localPort(i);
            if (p != ConnectionTrace.NO_PORT) {
                portsSeen++;
                portMin = Math.min(portMin, p);
                portMax = Math.max(portMax, p);
            }
        }
        double peakRate = 0;
        for (int w = 0; w < rate.length; w++) {
            rate[w] = round(rate[w] / (window / 1e9));
            peakRate = Math.max(peakRate, rate[w]);
        }
        LongArrays.radixSort(holds);
        LongArrays.radixSort(closes);
        int open = 0;
        int peak = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            while (c < n && closes[c] <= t.open(i)) {
                c++;
                open--;
            }
            open++;
            peak = Math.max(peak, open);
        }
        Map<String, Double> hold = new LinkedHashMap<>();
        hold.put("p50", percentile(holds, 0.50));
        hold.put("p90", percentile(holds, 0.90));
        hold.put("p99", percentile(holds, 0.99));
        hold.put("max", n == 0 ? 0 : round(holds[n - 1] / 1e9));
        hold.put("mean", n == 0 ? 0 : round(holdSum / n / 1e9));
        Integer[] order = new Integer[perDestination.length];
        for (int d = 0; d < order.length; d++) {
            order[d] = d;
        }
        Arrays.sort(order, (a, b) -> perDestination[a] != perDestination[b] ? Long.compare(perDestination[b], perDestination[a])
                : t.destinations().get(a).compareTo(t.destinations().get(b)));
        Map<String, Long> top = new LinkedHashMap<>();
        for (int d = 0; d < Math.min(10, order.length); d++) {
            top.put(t.destinations().get(order[d]), perDestination[order[d]]);
        }
        Map<String, Long> endCounts = new LinkedHashMap<>();
        for (ConnectionEnd e : ConnectionEnd.values()) {
            endCounts.put(e.id(), ends[e.ordinal()]);
        }
        return new TraceSummary(t.source(), t.stats(), n, round((end - start) / 1e9),
                round(n / Math.max(1e-9, openSpan / 1e9)), round(window / 1e9), rate, peakRate, perDestination.length,
                top, hold, peak, endCounts, portsSeen, portsSeen == 0 ? -1 : portMin, portMax);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return round(sorted[Math.max(0, i)] / 1e9);
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** This summary as {@code trace.json} holds it. */
    public TraceFile.Summary toFile() {
        return new TraceFile.Summary(source, new TraceFile.Stats(stats.format(), stats.records(), stats.connections(),
                stats.notOurClient(), stats.notTcp(), stats.undecodable(), stats.beforeCapture()), connections, durationSeconds,
                meanRatePerSecond, rateWindowSeconds, Arrays.stream(ratePerWindow).boxed().toList(), peakRatePerSecond, destinations,
                topDestinations, holdingSeconds, peakConcurrency, ends, localPortsSeen, localPortMin, localPortMax);
    }

    /** A few lines for the console. */
    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "%s: %,d connections over %.1f s (%.2f/s mean, %.2f/s in the busiest %.0f s window)",
                source, connections, durationSeconds, meanRatePerSecond, peakRatePerSecond, rateWindowSeconds));
        lines.add("  " + stats.summary());
        lines.add(String.format(java.util.Locale.ROOT, "  %d destinations; busiest: %s", destinations, topDestinations));
        lines.add("  holding time (s): " + holdingSeconds + "; peak concurrency " + peakConcurrency);
        lines.add("  ends: " + ends + (localPortsSeen > 0 ? "; local ports seen " + localPortMin + "-" + localPortMax : ""));
        return String.join("\n", lines) + "\n";
    }
}
