package dev.portbench.report;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.TraceFile;
import dev.portbench.simulation.TraceStudy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report section of a run on an imported trace ({@code ./portbench run --trace}), from the
 * run's {@code trace.json}: the trace summary first (connections, duration, rate over time,
 * destinations, holding times, peak concurrency, how connections ended, what the import skipped),
 * then when and how often that traffic fails on each stack's range and TIME-WAIT. The benchmark
 * numbers of the trace are the workload {@code trace:NAME} in the report's other sections.
 */
final class TraceSection {

    private TraceSection() {
    }

    /** Appends the section if the run has a {@code trace.json}; adds the rate chart. */
    static void append(StringBuilder md, Map<String, String> charts, Path runDir) {
        TraceFile doc = RunFiles.readIfPresent(runDir.resolve(RunFiles.TRACE), TraceFile.class, TraceFile.SCHEMA).orElse(null);
        if (doc == null) {
            return;
        }
        TraceFile.Summary s = doc.summary();
        TraceFile.Stats stats = s.stats();
        TraceFile.Replay replay = doc.replay();
        String id = doc.workload();
        md.append("## Trace `").append(id).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Imported from `%s` (%s%s).", doc.file(), stats.format(), clients(doc.clients())));
        if (replay != null) {
            md.append(String.format(Locale.ROOT, " Replayed in the benchmarks on ports %d-%d with %s s TIME-WAIT at speed x%s.",
                    replay.firstPort(), replay.lastPort(), num(replay.timeWaitNanos() / 1e9), num(replay.speed())));
        }
        md.append("\n\n");
        md.append("| | |\n|---|---:|\n");
        row(md, "connections", String.format(Locale.ROOT, "%,d", s.connections()));
        row(md, "duration", num(s.durationSeconds()) + " s");
        row(md, "mean rate", num(s.meanRatePerSecond()) + " connections/s");
        row(md, "busiest " + num(s.rateWindowSeconds()) + " s window", num(s.peakRatePerSecond()) + " connections/s");
        row(md, "destinations", Integer.toString(s.destinations()));
        Map<String, Double> h = s.holdingSeconds();
        row(md, "holding time p50 / p90 / p99 / max", num(h.get("p50")) + " / " + num(h.get("p90"))
                + " / " + num(h.get("p99")) + " / " + num(h.get("max")) + " s");
        row(md, "peak concurrency", s.peakConcurrency() + " connections open at once");
        List<String> ends = new ArrayList<>();
        for (Map.Entry<String, Long> e : s.ends().entrySet()) {
            ends.add(e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()));
        }
        row(md, "ends", String.join(", ", ends));
        if (s.localPortsSeen() > 0) {
            row(md, "local ports seen", s.localPortMin() + "-" + s.localPortMax());
        }
        row(md, "import", String.format(Locale.ROOT, "%,d %s read; skipped %,d SYNs of other clients, %,d not TCP, "
                        + "%,d undecodable, %,d packets of untracked connections", stats.records(),
                stats.format().startsWith("pcap") ? "packets" : "lines", stats.notOurClient(), stats.notTcp(),
                stats.undecodable(), stats.beforeCapture()));
        md.append("\n");
        List<String> top = new ArrayList<>();
        for (Map.Entry<String, Long> e : s.topDestinations().entrySet()) {
            top.add("`" + e.getKey() + "` " + String.format(Locale.ROOT, "%,d", e.getValue()));
        }
        md.append("Busiest destinations: ").append(String.join(", ", top)).append(".\n\n");

        double[] rate = s.ratePerWindow().stream().mapToDouble(Double::doubleValue).toArray();
        if (rate.length > 1) {
            double[] t = new double[rate.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = i * s.rateWindowSeconds();
            }
            charts.put("trace-rate.svg", Charts.lines("trace", "New connections per second over the trace", "seconds from the first open",
                    "connections / s", List.of(new Charts.Series(id, t, rate, null)), false, false));
            md.append("![connections per second over the trace](charts/trace-rate.svg)\n\n");
        }

        TraceFile.Study study = doc.study();
        md.append("### When this traffic fails, by stack\n\n");
        md.append(String.format(Locale.ROOT, "Every recorded connection replayed at its own open and close time (speed x%s) on "
                + "each stack's range and TIME-WAIT; model: %s. Headroom is the largest speed-up at which it still never fails "
                + "(a trace with fewer connections than ports never fails at any speed: `>= x1024`). Reproduce with "
                + "`./portbench simulate --trace FILE%s`.%n%n", num(study.speed()), study.model(), clientOption(doc.clients())));
        md.append("| stack (allocator) | ports | TIME-WAIT (s) | first failure (s) | failed connects | success | outages | peak busy ports | headroom |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (TraceFile.Row r : study.profiles()) {
            Double ff = r.firstFailureSeconds();
            Double hr = r.headroomSpeedup();
            md.append(String.format(Locale.ROOT, "| %s (`%s`) | %d-%d | %s | %s | %,d | %s | %,d | %,d (%s) | %s |%n",
                    r.profile(), r.allocator(), r.firstPort(), r.lastPort(), num(r.timeWaitSeconds()),
                    ff == null ? "never" : num(ff), r.failures(), Analysis.Format.percent(r.successFraction()), r.outages(),
                    r.peakBusy(), Analysis.Format.percent(r.peakBusyShare()),
                    hr == null ? "-" : (hr >= TraceStudy.MAX_HEADROOM ? ">= x" : "x") + num(hr)));
        }
        md.append("\n");
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String clients(List<String> clients) {
        return clients == null || clients.isEmpty() ? ", every client" : ", client " + String.join(", ", clients);
    }

    private static String clientOption(List<String> clients) {
        return clients == null || clients.isEmpty() ? "" : " --client " + String.join(",", clients);
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.4f", v);
    }
}
