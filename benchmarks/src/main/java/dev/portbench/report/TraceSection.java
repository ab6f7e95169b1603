package dev.portbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portbench.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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
        Path file = runDir.resolve("trace.json");
        if (!Files.isRegularFile(file)) {
            return;
        }
        JsonNode doc;
        try {
            doc = AtomicFiles.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": malformed JSON: " + e.getMessage());
        }
        JsonNode s = doc.path("summary");
        JsonNode stats = s.path("stats");
        String id = doc.path("workload").asText();
        md.append("## Trace `").append(id).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Imported from `%s` (%s%s). Replayed in the benchmarks on ports %d-%d with "
                        + "%s s TIME-WAIT at speed x%s.%n%n", doc.path("file").asText(), stats.path("format").asText(),
                clients(doc.path("clients")), doc.path("replay").path("firstPort").asInt(),
                doc.path("replay").path("lastPort").asInt(), num(doc.path("replay").path("timeWaitNanos").asDouble() / 1e9),
                num(doc.path("replay").path("speed").asDouble())));
        md.append("| | |\n|---|---:|\n");
        row(md, "connections", String.format(Locale.ROOT, "%,d", s.path("connections").asLong()));
        row(md, "duration", num(s.path("durationSeconds").asDouble()) + " s");
        row(md, "mean rate", num(s.path("meanRatePerSecond").asDouble()) + " connections/s");
        row(md, "busiest " + num(s.path("rateWindowSeconds").asDouble()) + " s window",
                num(s.path("peakRatePerSecond").asDouble()) + " connections/s");
        row(md, "destinations", Integer.toString(s.path("destinations").asInt()));
        JsonNode h = s.path("holdingSeconds");
        row(md, "holding time p50 / p90 / p99 / max", num(h.path("p50").asDouble()) + " / " + num(h.path("p90").asDouble())
                + " / " + num(h.path("p99").asDouble()) + " / " + num(h.path("max").asDouble()) + " s");
        row(md, "peak concurrency", s.path("peakConcurrency").asInt() + " connections open at once");
        List<String> ends = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("ends").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ends.add(e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue().asLong()));
        }
        row(md, "ends", String.join(", ", ends));
        if (s.path("localPortsSeen").asLong() > 0) {
            row(md, "local ports seen", s.path("localPortMin").asInt() + "-" + s.path("localPortMax").asInt());
        }
        row(md, "import", String.format(Locale.ROOT, "%,d %s read; skipped %,d SYNs of other clients, %,d not TCP, "
                        + "%,d undecodable, %,d packets of untracked connections", stats.path("records").asLong(),
                stats.path("format").asText().startsWith("pcap") ? "packets" : "lines", stats.path("notOurClient").asLong(),
                stats.path("notTcp").asLong(), stats.path("undecodable").asLong(), stats.path("beforeCapture").asLong()));
        md.append("\n");
        List<String> top = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("topDestinations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            top.add("`" + e.getKey() + "` " + String.format(Locale.ROOT, "%,d", e.getValue().asLong()));
        }
        md.append("Busiest destinations: ").append(String.join(", ", top)).append(".\n\n");

        double[] rate = doubles(s.path("ratePerWindow"));
        if (rate.length > 1) {
            double[] t = new double[rate.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = i * s.path("rateWindowSeconds").asDouble();
            }
            charts.put("trace-rate.svg", Charts.lines("trace", "New connections per second over the trace", "seconds from the first open",
                    "connections / s", List.of(new Charts.Series(id, t, rate, null)), false, false));
            md.append("![connections per second over the trace](charts/trace-rate.svg)\n\n");
        }

        JsonNode study = doc.path("study");
        md.append("### When this traffic fails, by stack\n\n");
        md.append(String.format(Locale.ROOT, "Every recorded connection replayed at its own open and close time (speed x%s) on "
                + "each stack's range and TIME-WAIT; model: %s. Headroom is the largest speed-up at which it still never fails "
                + "(a trace with fewer connections than ports never fails at any speed: `>= x1024`). Reproduce with "
                + "`./portbench simulate --trace FILE%s`.%n%n", num(study.path("speed").asDouble()),
                study.path("model").asText(), clientOption(doc.path("clients"))));
        md.append("| stack (allocator) | ports | TIME-WAIT (s) | first failure (s) | failed connects | success | outages | peak busy ports | headroom |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode r : study.path("profiles")) {
            JsonNode ff = r.path("firstFailureSeconds");
            JsonNode hr = r.path("headroomSpeedup");
            md.append(String.format(Locale.ROOT, "| %s (`%s`) | %d-%d | %s | %s | %,d | %s | %,d | %,d (%s) | %s |%n",
                    r.path("profile").asText(), r.path("allocator").asText(),
                    r.path("firstPort").asInt(), r.path("lastPort").asInt(), num(r.path("timeWaitSeconds").asDouble()),
                    ff.isNull() || ff.isMissingNode() ? "never" : num(ff.asDouble()), r.path("failures").asLong(),
                    Analysis.Format.percent(r.path("successFraction").asDouble()), r.path("outages").asLong(),
                    r.path("peakBusy").asInt(), Analysis.Format.percent(r.path("peakBusyShare").asDouble()),
                    hr.isNull() || hr.isMissingNode() ? "-" : (hr.asDouble() >= dev.portbench.simulation.TraceStudy.MAX_HEADROOM
                            ? ">= x" : "x") + num(hr.asDouble())));
        }
        md.append("\n");
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String clients(JsonNode clients) {
        if (!clients.isArray() || clients.isEmpty()) {
            return ", every client";
        }
        List<String> c = new ArrayList<>();
        clients.forEach(n -> c.add(n.asText()));
        return ", client " + String.join(", ", c);
    }

    private static String clientOption(JsonNode clients) {
        if (!clients.isArray() || clients.isEmpty()) {
            return "";
        }
        List<String> c = new ArrayList<>();
        clients.forEach(n -> c.add(n.asText()));
        return " --client " + String.join(",", c);
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.4f", v);
    }
}
