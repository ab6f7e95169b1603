package dev.portbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portbench.io.AtomicFiles;
import dev.portbench.report.Analysis.Format;
import dev.portbench.report.Analysis.Pick;
import dev.portbench.report.Analysis.Ranked;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a run's {@code REPORT.md} and {@code charts/*.svg} from its files, and the
 * {@code results/README.md} index of all runs. Everything is computed from the run's data: no
 * number in a report is typed by hand. The same input gives the same bytes. The whole report is
 * rendered in memory before anything is written, so bad input leaves no partial report.
 */
public final class ReportGenerator {

    static final String REPLAY = "ReplayBenchmark.replay";
    static final String HARNESS = "HarnessBaselineBenchmark.replay";
    static final String BURST = "BurstLatencyBenchmark.replay";
    static final String HEADLINE_WORKLOAD = "q170791-rho0.99";
    static final double[] BURST_PERCENTILES = {50.0, 99.0, 99.9, 100.0};

    private ReportGenerator() {
    }

    /** A rendered report: the markdown and the charts by file name. */
    public record Rendered(String markdown, Map<String, String> charts) {
    }

    /** Renders and writes the report of {@code runDir}; answers the REPORT.md path. */
    public static Path writeReport(Path runDir) {
        RunData run = RunData.load(runDir);
        Rendered r = render(run);
        Path charts = runDir.resolve("charts");
        try {
            if (Files.isDirectory(charts)) {
                try (Stream<Path> old = Files.list(charts)) {
                    for (Path p : (Iterable<Path>) old::iterator) {
                        if (p.toString().endsWith(".svg") && !r.charts().containsKey(p.getFileName().toString())) {
                            Files.delete(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(charts + ": " + e.getMessage(), e);
        }
        r.charts().forEach((name, svg) -> AtomicFiles.write(charts.resolve(name), svg));
        Path report = runDir.resolve("REPORT.md");
        AtomicFiles.write(report, r.markdown());
        return report;
    }

    /** Run folders under {@code results/runs} that hold a JMH result, oldest first. */
    public static List<Path> runsUnder(Path results) {
        Path runs = results.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("jmh.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(runs + ": " + e.getMessage(), e);
        }
    }

    /** Renders the report of one run, without writing anything. */
    public static Rendered render(RunData run) {
        Map<String, String> charts = new TreeMap<>();
        StringBuilder md = new StringBuilder();
        Map<String, List<JmhResult>> byWorkload = byWorkload(run.of(REPLAY));
        Map<String, JsonNode> footprints = footprints(run, 3976);
        Map<String, JsonNode> footprintsLarge = footprints(run, 64512);

        md.append("# Ephemeral-port allocators: run ").append(run.name()).append("\n\n");
        md.append("Profile `").append(run.env("profile")).append("`, status ").append(run.env("status"))
                .append(", started ").append(run.env("startedAt")).append(".");
        if ("smoke".equals(run.env("profile"))) {
            md.append(" **Smoke runs prove the command works; their numbers are too short to read.**");
        }
        md.append("\n\n");
        md.append(headline(run)).append("\n\n");

        environment(md, run);
        TraceSection.append(md, charts, run.dir());

        md.append("## Recommendation\n\n");
        md.append("Computed from this run's numbers (ties are results whose 99.9% intervals overlap):\n\n");
        for (Map.Entry<String, List<JmhResult>> e : byWorkload.entrySet()) {
            Pick p = Analysis.pick(e.getKey(), e.getValue(), harness(run, e.getKey()));
            md.append("- `").append(e.getKey()).append("`: ").append(p.sentence()).append(".\n");
        }
        Map.Entry<String, Double> all = Analysis.allRounder(byWorkload);
        if (all != null && byWorkload.size() > 1) {
            md.append(String.format(Locale.ROOT, "- Across all %d workloads, **%s** is the best all-rounder: on average "
                    + "(geometric mean) %s the cost of the fastest on each.%n", byWorkload.size(), all.getKey(),
                    Format.ratio(all.getValue())));
        }
        tradeOffs(md, run, footprintsLarge);
        md.append("\n");

        for (Map.Entry<String, List<JmhResult>> e : byWorkload.entrySet()) {
            workloadTable(md, run, e.getKey(), e.getValue(), footprints, footprintsLarge);
        }
        if (!byWorkload.isEmpty()) {
            costChart(md, charts, byWorkload);
        }
        scaling(md, charts, byWorkload);
        burst(md, charts, run);
        footprint(md, run, footprints, footprintsLarge);
        SimulationSection.append(md, charts, run.simulation());
        SelectionSection.append(md, charts, run.selection(), run.of(SelectionSection.BENCHMARK));

        md.append("## How to read this report\n\n");
        md.append("- ns/event is JMH's average time of one replayed trace event (an allocate, release or reclaim, and any "
                + "TIME-WAIT expiry done inside it); ± is JMH's 99.9% confidence interval.\n");
        md.append("- `harness` is the same replay with no allocator: the floor under every number.\n");
        md.append("- Rank `=n` marks a tie: its interval overlaps another's at the same rank.\n");
        md.append("- Ratios divide costs: `/ java.util` below 1 is faster than the `jdk-collections` peer baseline.\n");
        md.append("- B/op is the gc profiler's `gc.alloc.rate.norm`; the non-baseline allocators are built to allocate nothing.\n");
        md.append("- Footprint is JOL's retained size with every port in TIME-WAIT, in the JVM the benchmarks ran on.\n");
        return new Rendered(md.toString(), charts);
    }

    /** The one-sentence result of a run, for the report and the index. */
    public static String headline(RunData run) {
        Pick p = headlinePick(run);
        if (p == null) {
            return "(this run did not include `" + HEADLINE_WORKLOAD + "`, the headline workload)";
        }
        return String.format(Locale.ROOT, "**Headline** (`%s`, Windows 95's 3976 ports and 240 s TIME-WAIT at 99%% load, on %s, %s %s): %s.",
                HEADLINE_WORKLOAD, run.env("machine/cpuModel"), run.env("jvm/vendor"), run.env("jvm/version"), p.sentence());
    }

    /** The pick on the headline workload, net of its harness floor; null if the run did not include it. */
    static Pick headlinePick(RunData run) {
        List<JmhResult> results = byWorkload(run.of(REPLAY)).get(HEADLINE_WORKLOAD);
        return results == null ? null : Analysis.pick(HEADLINE_WORKLOAD, results, harness(run, HEADLINE_WORKLOAD));
    }

    /** The empty replay's result on {@code workload}, or null. */
    static JmhResult harnessResult(RunData run, String workload) {
        for (JmhResult h : run.of(HARNESS)) {
            if (workload.equals(h.param("workload"))) {
                return h;
            }
        }
        return null;
    }

    /** The empty replay's score on {@code workload}, or NaN. */
    static double harness(RunData run, String workload) {
        JmhResult h = harnessResult(run, workload);
        return h == null ? Double.NaN : h.score();
    }

    static Map<String, List<JmhResult>> byWorkload(List<JmhResult> results) {
        Map<String, List<JmhResult>> m = new LinkedHashMap<>();
        for (JmhResult r : results) {
            m.computeIfAbsent(r.param("workload"), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    private static Map<String, JsonNode> footprints(RunData run, int ports) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        if (run.footprint() != null && run.footprint().has("entries")) {
            for (JsonNode e : run.footprint().get("entries")) {
                if (e.path("ports").asInt() == ports) {
                    m.put(e.path("allocator").asText(), e);
                }
            }
        }
        return m;
    }

    private static void environment(StringBuilder md, RunData run) {
        md.append("## Environment\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "CPU", run.env("machine/cpuModel") + ", " + run.env("machine/cores") + " cores");
        String mem = run.env("machine/memoryBytes");
        try {
            mem = String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(mem) / (double) (1L << 30));
        } catch (NumberFormatException ignored) {
            // unknown
        }
        row(md, "Memory", mem);
        row(md, "OS", run.env("machine/osVersion") + " (" + run.env("machine/arch") + ")");
        row(md, "Kernel", run.env("machine/kernel"));
        row(md, "JVM", run.env("jvm/vendor") + " " + run.env("jvm/runtime") + ", " + run.env("jvm/vmName"));
        JsonNode gcs = run.environment().at("/jvm/garbageCollectors");
        row(md, "JVM flags", "GC " + (gcs.isArray() ? join(gcs) : "unknown") + "; compressed oops "
                + run.env("jvm/flags/UseCompressedOops") + "; max heap " + run.env("jvm/flags/MaxHeapSize")
                + "; extra args " + (run.environment().at("/jmh/jvmArgs").isEmpty() ? "none" : join(run.environment().at("/jmh/jvmArgs"))));
        row(md, "JMH", run.env("jmh/version") + ": " + run.env("jmh/forks") + " fork(s), warmup " + run.env("jmh/warmup")
                + ", measurement " + run.env("jmh/measurement") + ", profilers " + join(run.environment().at("/jmh/profilers")));
        row(md, "Commit", "`" + run.env("git/commit") + "`" + ("true".equals(run.env("git/dirty")) ? " (working tree had uncommitted changes)" : ""));
        row(md, "Time", run.env("startedAt") + " to " + run.env("finishedAt"));
        md.append("\nReproduce with:\n\n```\n").append(run.env("command")).append("\n```\n\n");
        md.append("or with JMH directly: `").append(run.env("jmh/equivalentCommand")).append("`\n\n");
    }

    private static String join(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asText()));
        return s.isEmpty() ? "none" : String.join(", ", s);
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
    }

    private static void tradeOffs(StringBuilder md, RunData run, Map<String, JsonNode> large) {
        if (!large.isEmpty()) {
            String smallest = null;
            double bytes = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, JsonNode> e : large.entrySet()) {
                double b = e.getValue().path("bytesPerPort").asDouble();
                if (b < bytes) {
                    bytes = b;
                    smallest = e.getKey();
                }
            }
            md.append(String.format(Locale.ROOT, "- Memory: the smallest at 64512 ports is **%s**, %s bytes per port; "
                    + "see the footprint table for the rest.%n", smallest, Format.bytes(bytes)));
            List<String> late = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : large.entrySet()) {
                long l = e.getValue().path("maxLatenessNanos").asLong();
                if (l > 0) {
                    late.add(String.format(Locale.ROOT, "%s (up to %s ms)", e.getKey(), Format.ns(l / 1e6)));
                }
            }
            if (!late.isEmpty()) {
                md.append("- Lateness: these free a port after its TIME-WAIT by up to one tick: ")
                        .append(String.join(", ", late)).append("; every other allocator is exact.\n");
            }
        }
        List<JmhResult> burst = run.of(BURST);
        if (!burst.isEmpty()) {
            JmhResult best = null;
            for (JmhResult r : burst) {
                if (best == null || pct(r, 99.9) < pct(best, 99.9)) {
                    best = r;
                }
            }
            md.append(String.format(Locale.ROOT, "- Tail latency: on `burst` (every port expiring at once) **%s** has the "
                    + "lowest p99.9, %s ns; its max is %s ns.%n", best.param("allocator"), Format.ns(pct(best, 99.9)),
                    Format.ns(pct(best, 100.0))));
        }
    }

    static double pct(JmhResult r, double p) {
        Double v = r.percentiles().get(p);
        return v == null ? Double.NaN : v;
    }

    private static void workloadTable(StringBuilder md, RunData run, String workload, List<JmhResult> results,
                                      Map<String, JsonNode> small, Map<String, JsonNode> large) {
        md.append("## Workload `").append(workload).append("`\n\n");
        String description = workloadDescription(workload);
        if (description != null) {
            md.append(description).append("\n\n");
        }
        md.append("| rank | allocator | ns/event | ± 99.9% | / java.util | / fastest | B/op | bytes @3976 (B/port) | bytes @64512 (B/port) |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        JmhResult base = Analysis.byAllocator(results, Analysis.JAVA_UTIL);
        double fastest = results.stream().mapToDouble(JmhResult::score).min().orElse(Double.NaN);
        for (Ranked rk : Analysis.rank(results)) {
            JmhResult r = rk.result();
            String id = r.param("allocator");
            md.append("| ").append(rk.tied() ? "=" : "").append(rk.rank())
                    .append(" | ").append(id)
                    .append(" | ").append(Format.ns(r.score()))
                    .append(" | ").append(Format.ns(r.error()))
                    .append(" | ").append(base == null ? "n/a" : String.format(Locale.ROOT, "%.3f", r.score() / base.score()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.score() / fastest))
                    .append(" | ").append(Format.bytes(r.bytesPerOp()))
                    .append(" | ").append(footprintCell(small.get(id)))
                    .append(" | ").append(footprintCell(large.get(id)))
                    .append(" |\n");
        }
        JmhResult h = harnessResult(run, workload);
        if (h != null) {
            md.append("| | *harness (empty replay)* | ").append(Format.ns(h.score())).append(" | ")
                    .append(Format.ns(h.error())).append(" | | | ").append(Format.bytes(h.bytesPerOp())).append(" | | |\n");
        }
        md.append("\n");
    }

    private static String workloadDescription(String id) {
        try {
            return dev.portbench.workload.Workloads.byId(id).summary();
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String footprintCell(JsonNode f) {
        if (f == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,d (%s)", f.path("bytes").asLong(), Format.bytes(f.path("bytesPerPort").asDouble()));
    }

    private static List<String> allocatorsIn(Map<String, List<JmhResult>> byWorkload) {
        List<String> ids = new ArrayList<>();
        for (List<JmhResult> rs : byWorkload.values()) {
            for (JmhResult r : rs) {
                if (!ids.contains(r.param("allocator"))) {
                    ids.add(r.param("allocator"));
                }
            }
        }
        return ids;
    }

    private static void costChart(StringBuilder md, Map<String, String> charts, Map<String, List<JmhResult>> byWorkload) {
        List<String> workloads = new ArrayList<>(byWorkload.keySet());
        List<Charts.Series> series = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (String id : allocatorsIn(byWorkload)) {
            double[] y = new double[workloads.size()];
            double[] err = new double[workloads.size()];
            for (int i = 0; i < workloads.size(); i++) {
                JmhResult r = Analysis.byAllocator(byWorkload.get(workloads.get(i)), id);
                y[i] = r == null ? Double.NaN : r.score();
                err[i] = r == null ? Double.NaN : r.error();
                if (r != null) {
                    min = Math.min(min, r.score());
                    max = Math.max(max, r.score());
                }
            }
            series.add(new Charts.Series(id, null, y, err));
        }
        boolean log = max / min > 30;
        charts.put("replay-cost.svg", Charts.bars("cost", "Cost per replayed event (99.9% interval)",
                "ns/event" + (log ? " (log scale)" : ""), workloads, series, log));
        md.append("## All workloads\n\n![ns per event, every allocator and workload](charts/replay-cost.svg)\n\n");
    }

    private static void scaling(StringBuilder md, Map<String, String> charts, Map<String, List<JmhResult>> byWorkload) {
        List<String> scale = new ArrayList<>();
        for (String w : byWorkload.keySet()) {
            if (w.startsWith("scale-")) {
                scale.add(w);
            }
        }
        if (scale.size() < 2) {
            return;
        }
        scale.sort((a, b) -> Integer.compare(ports(a), ports(b)));
        String smallest = scale.get(0);
        String largest = scale.get(scale.size() - 1);
        md.append("## Cost against range size\n\n");
        md.append("rho 0.99, Poisson arrivals; the last column divides the cost at the largest range by the cost at the smallest.\n\n");
        md.append("| allocator |");
        for (String w : scale) {
            md.append(' ').append(ports(w)).append(" ports |");
        }
        md.append(" ").append(ports(largest)).append(" / ").append(ports(smallest)).append(" |\n|---|");
        md.append("---:|".repeat(scale.size() + 1)).append('\n');
        List<Charts.Series> series = new ArrayList<>();
        for (String id : allocatorsIn(byWorkload)) {
            double[] x = new double[scale.size()];
            double[] y = new double[scale.size()];
            md.append("| ").append(id).append(" |");
            for (int i = 0; i < scale.size(); i++) {
                JmhResult r = Analysis.byAllocator(byWorkload.get(scale.get(i)), id);
                x[i] = ports(scale.get(i));
                y[i] = r == null ? Double.NaN : r.score();
                md.append(' ').append(r == null ? "n/a" : Format.ns(r.score()) + " ± " + Format.ns(r.error())).append(" |");
            }
            md.append(' ').append(Format.ratio(y[y.length - 1] / y[0])).append(" |\n");
            series.add(new Charts.Series(id, x, y, null));
        }
        charts.put("cost-vs-range.svg", Charts.lines("range", "Cost per event against range size (rho 0.99)",
                "ports in the range (log scale)", "ns/event (log scale)", series, true, true));
        md.append("\n![cost against range size](charts/cost-vs-range.svg)\n\n");
    }

    private static int ports(String scaleWorkload) {
        try {
            return Integer.parseInt(scaleWorkload.substring("scale-".length()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static void burst(StringBuilder md, Map<String, String> charts, RunData run) {
        List<JmhResult> burst = run.of(BURST);
        if (burst.isEmpty()) {
            return;
        }
        md.append("## Burst latency\n\n");
        md.append("`burst`: all 3976 ports close in one instant and their TIME-WAITs end together. JMH sample time, one event "
                + "per sample; values below the timer's granularity (tens of ns) are quantized, the tail is the point. "
                + "The max is a single sample and also catches the machine's own pauses (interrupts, safepoints); "
                + "compare p99.9 across allocators, and the max only across repeated runs.\n\n");
        md.append("| allocator | mean ns | p50 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n");
        List<String> categories = List.of("p50", "p99", "p99.9", "max");
        List<Charts.Series> series = new ArrayList<>();
        List<JmhResult> sorted = new ArrayList<>(burst);
        sorted.sort((a, b) -> Double.compare(pct(a, 99.9), pct(b, 99.9)));
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
        charts.put("burst-latency.svg", Charts.bars("burst", "Event latency percentiles on burst", "ns (log scale)",
                categories, series, true));
        md.append("\n![burst latency percentiles](charts/burst-latency.svg)\n\n");
    }

    private static void footprint(StringBuilder md, RunData run, Map<String, JsonNode> small, Map<String, JsonNode> large) {
        if (run.footprint() == null) {
            md.append("## Memory footprint\n\nThis run has no footprint.json.\n\n");
            return;
        }
        md.append("## Memory footprint\n\n");
        md.append("JOL (").append(run.footprint().path("tool").asText()).append("), every port in TIME-WAIT.\n\n");
        md.append("| allocator | lateness | bytes @3976 | B/port | objects | bytes @64512 | B/port | objects |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, JsonNode> e : small.entrySet()) {
            JsonNode s = e.getValue();
            JsonNode l = large.get(e.getKey());
            long late = s.path("maxLatenessNanos").asLong();
            md.append("| ").append(e.getKey()).append(s.path("peerBaseline").asBoolean() ? " (peer baseline)" : "")
                    .append(" | ").append(late == 0 ? "exact" : Format.ns(late / 1e6) + " ms")
                    .append(String.format(Locale.ROOT, " | %,d | %s | %,d", s.path("bytes").asLong(),
                            Format.bytes(s.path("bytesPerPort").asDouble()), s.path("objects").asLong()));
            if (l != null) {
                md.append(String.format(Locale.ROOT, " | %,d | %s | %,d", l.path("bytes").asLong(),
                        Format.bytes(l.path("bytesPerPort").asDouble()), l.path("objects").asLong()));
            } else {
                md.append(" | n/a | n/a | n/a");
            }
            md.append(" |\n");
        }
        md.append("\n");
    }

    static final String HEADLINE_START = "<!-- headline:start (written by ./portbench report --publish RUN) -->";
    static final String HEADLINE_END = "<!-- headline:end -->";

    /**
     * Makes {@code runDir} the reference run: rewrites the block between the headline markers of
     * the project's {@code README.md} with the run's headline and a link to its report.
     *
     * @throws IllegalArgumentException if the README has no headline markers or the run is unreadable
     */
    public static Path publish(Path root, Path runDir) {
        RunData run = RunData.load(runDir);
        Path readme = root.resolve("README.md");
        String text;
        try {
            text = Files.readString(readme);
        } catch (IOException e) {
            throw new IllegalArgumentException(readme + ": cannot read: " + e.getMessage());
        }
        int start = text.indexOf(HEADLINE_START);
        int end = text.indexOf(HEADLINE_END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(readme + ": no headline markers (expected the lines '" + HEADLINE_START
                    + "' and '" + HEADLINE_END + "')");
        }
        String link = root.toAbsolutePath().normalize().relativize(runDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
        String block = HEADLINE_START + "\n" + headline(run) + "\n\nReference run: [" + link + "](" + link + "/REPORT.md) ("
                + run.env("profile") + " profile, " + run.env("startedAt") + "); all runs: [results/](results/README.md).\n";
        AtomicFiles.write(readme, text.substring(0, start) + block + text.substring(end));
        return readme;
    }

    /** Writes {@code results/README.md}: every run, newest first, and which is the latest. */
    public static Path writeIndex(Path results) {
        List<Path> runs = new ArrayList<>(runsUnder(results));
        java.util.Collections.reverse(runs);
        StringBuilder md = new StringBuilder("# Results\n\n");
        md.append("Every run folder here was written by `./portbench run` and holds JMH's `jmh.json`, the `console.log`, "
                + "the `environment.json`, `footprint.json`, `simulation.json`, `selection.json`, and its `REPORT.md` with `charts/`. "
                + "This index is rewritten by `./portbench report`.\n\n");
        if (runs.isEmpty()) {
            md.append("No runs yet.\n");
        } else {
            md.append("Latest: [").append(runs.get(0).getFileName()).append("](runs/").append(runs.get(0).getFileName())
                    .append("/REPORT.md)\n\n");
            md.append("| run | profile | machine | JVM | commit | headline |\n|---|---|---|---|---|---|\n");
            for (Path p : runs) {
                String name = p.getFileName().toString();
                try {
                    RunData run = RunData.load(p);
                    Pick pick = headlinePick(run);
                    String headline = pick == null ? "" : pick.sentence();
                    String commit = run.env("git/commit");
                    md.append("| [").append(name).append("](runs/").append(name).append("/REPORT.md) | ")
                            .append(run.env("profile")).append(" | ")
                            .append(run.env("machine/cpuModel")).append(", ").append(run.env("machine/cores")).append(" cores | ")
                            .append(run.env("jvm/vendor")).append(' ').append(run.env("jvm/version")).append(" | ")
                            .append(commit.length() > 10 ? commit.substring(0, 10) : commit)
                            .append("true".equals(run.env("git/dirty")) ? " (dirty)" : "").append(" | ")
                            .append(headline).append(" |\n");
                } catch (IllegalArgumentException e) {
                    md.append("| ").append(name).append(" | unreadable: ").append(e.getMessage().replace("|", "/"))
                            .append(" | | | | |\n");
                }
            }
        }
        Path comparisons = results.resolve("comparisons");
        if (Files.isDirectory(comparisons)) {
            try (Stream<Path> c = Files.list(comparisons)) {
                List<Path> files = c.filter(p -> p.toString().endsWith(".md")).sorted().toList();
                if (!files.isEmpty()) {
                    md.append("\n## Comparisons\n\nWritten by `./portbench compare BASE_RUN NEW_RUN --out results/comparisons/NAME.md`:\n\n");
                    for (Path f : files) {
                        md.append("- [").append(f.getFileName()).append("](comparisons/").append(f.getFileName()).append(")\n");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(comparisons + ": " + e.getMessage(), e);
            }
        }
        Path index = results.resolve("README.md");
        AtomicFiles.write(index, md.toString());
        return index;
    }
}
