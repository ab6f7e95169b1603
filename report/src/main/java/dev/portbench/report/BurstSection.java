package dev.portbench.report;

import dev.portbench.report.Analysis.Format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's burst-latency section: sample-time percentiles of single events when every port expires at once. */
final class BurstSection {

    static final double[] BURST_PERCENTILES = {50.0, 99.0, 99.9, 99.99, 100.0};

    private BurstSection() {
    }

    /** Percentiles of each allocator's single-event latency on {@code burst}, from {@code BurstLatencyBenchmark}. */
    static void append(StringBuilder md, Map<String, String> charts, List<JmhResult> burst) {
        if (burst.isEmpty()) {
            return;
        }
        md.append("## Burst latency\n\n");
        md.append("`burst`: all 3976 ports close in one instant and their TIME-WAITs end together. JMH sample time, one event "
                + "per sample; values below the timer's granularity (tens of ns) are quantized, the tail is the point. "
                + "The max is a single sample and also catches the machine's own pauses (interrupts, safepoints); "
                + "the bulk expiry is one event in 7,952: it shows at p99.99 and the max, not at p99.9; the next section "
                + "gives their spread across forks and times the expiry call itself.\n\n");
        md.append("| allocator | mean ns | p50 | p99 | p99.9 | p99.99 | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
        List<String> categories = List.of("p50", "p99", "p99.9", "p99.99", "max");
        List<Charts.Series> series = new ArrayList<>();
        List<JmhResult> sorted = new ArrayList<>(burst);
        sorted.sort((a, b) -> Double.compare(pct(a, 99.99), pct(b, 99.99)));
        for (JmhResult r : sorted) {
            md.append("| ").append(r.param("allocator")).append(" | ").append(Format.ns(r.score()));
            double[] y = new double[BURST_PERCENTILES.length];
            for (int i = 0; i < BURST_PERCENTILES.length; i++) {
                y[i] = pct(r, BURST_PERCENTILES[i]);
                md.append(" | ").append(Format.ns(y[i]));
            }
            md.append(" |\n");
            series.add(new Charts.Series(r.param("allocator"), null, y, null));
        }
        charts.put("burst-latency.svg", Charts.bars("burst", "Workload burst: latency of one replayed event, by percentile",
                "ns per event (log scale)",
                categories, series, true));
        md.append("\n![burst latency percentiles](charts/burst-latency.svg)\n\n");
    }

    static double pct(JmhResult r, double p) {
        Double v = r.percentiles().get(p);
        return v == null ? Double.NaN : v;
    }
}
