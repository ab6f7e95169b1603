package dev.portbench.report;

import dev.portbench.calibration.CalibrationSection;
import dev.portbench.io.AtomicFiles;
import dev.portbench.report.Analysis.Format;
import dev.portbench.report.Analysis.Pick;
import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.FootprintFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.workload.Workloads;

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

import static dev.portbench.report.RunData.known;

/**
 * Writes a run's {@code REPORT.md}, {@code charts/*.svg} and the same report as one self-contained
 * page, {@code REPORT.html} ({@link HtmlReport}), from its files: the headline, the
 * recommendation and the per-workload tables and charts here, the other sections in classes of
 * their own ({@link EnvironmentSection}, {@link BurstSection}, {@link FootprintSection},
 * {@link SimulationSection}, {@link SelectionSection}); {@link ResultsIndex} writes the index of
 * all runs and {@link ReadmeHeadline} the README's headline. Everything is computed from the run's data: no
 * number in a report is typed by hand. The same input gives the same bytes. The whole report is
 * rendered in memory before anything is written, so bad input leaves no partial report.
 */
public final class ReportGenerator {

    static final String REPLAY = "ReplayBenchmark.replay";
    static final String HARNESS = "HarnessBaselineBenchmark.replay";
    static final String BURST = "BurstLatencyBenchmark.replay";
    static final String HEADLINE_WORKLOAD = Workloads.HEADLINE;

    private ReportGenerator() {
    }

    /** A rendered report: the markdown and the charts by file name. */
    public record Rendered(String markdown, Map<String, String> charts) {
    }

    /** Renders and writes the report of {@code runDir}; answers the REPORT.md path. */
    public static Path writeReport(Path runDir) {
        RunData run = RunData.load(runDir);
        Rendered r = render(run);
        String html = HtmlReport.render("Ephemeral-port allocators: run " + run.name(), r.markdown(), r.charts());
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
        AtomicFiles.write(runDir.resolve("results.csv"), ResultsCsv.render(run.results()));
        Path report = runDir.resolve("REPORT.md");
        AtomicFiles.write(report, r.markdown());
        AtomicFiles.write(runDir.resolve("REPORT.html"), html);
        return report;
    }

    /** Run folders under {@code results/runs} that hold a JMH result, oldest first. */
    public static List<Path> runsUnder(Path results) {
        return RunFiles.foldersHolding(results.resolve("runs"), RunFiles.JMH);
    }

    /** Renders the report of one run, without writing anything. */
    public static Rendered render(RunData run) {
        Map<String, String> charts = new TreeMap<>();
        StringBuilder md = new StringBuilder();
        Map<String, List<JmhResult>> byWorkload = byWorkload(run.of(REPLAY));
        Map<String, FootprintFile.Entry> footprints = FootprintSection.byAllocator(run.footprint(), 3976);
        Map<String, FootprintFile.Entry> footprintsLarge = FootprintSection.byAllocator(run.footprint(), 64512);

        md.append("# Ephemeral-port allocators: run ").append(run.name()).append("\n\n");
        EnvironmentFile env = run.environment();
        md.append("Profile `").append(known(env.profile())).append("`, status ").append(known(env.status()))
                .append(", started ").append(known(env.startedAt())).append(".");
        if ("smoke".equals(env.profile())) {
            md.append(" **Smoke runs prove the command works; their numbers are too short to read.**");
        }
        md.append("\n\n");
        md.append(headline(run)).append("\n\n");
        Map<String, WorkloadVerdicts> verdicts = new LinkedHashMap<>();
        byWorkload.forEach((w, rs) -> verdicts.put(w, WorkloadVerdicts.of(rs)));
        VerdictSection.appendHeadline(md, charts, verdicts);

        EnvironmentSection.append(md, run);
        RoundsSection.append(md, run.rounds());
        TraceSection.append(md, charts, run.dir());

        md.append("## Recommendation\n\n");
        md.append("Computed from this run's numbers. Ties are results not told apart by the 99% interval of their cost ratio "
                + "over fork means; a run of one fork resolves no ranking.\n\n");
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
            workloadTable(md, run, e.getKey(), verdicts.get(e.getKey()), footprints, footprintsLarge);
            VerdictSection.appendWorkload(md, charts, e.getKey(), verdicts.get(e.getKey()));
        }
        VerdictSection.appendAllWorkloads(md, charts, verdicts);
        scaling(md, charts, byWorkload);
        BurstSection.append(md, charts, run.of(BURST));
        TailSection.append(md, run);
        ExpiryCallsSection.append(md, run);
        CostBreakdownSection.append(md, run);
        FootprintSection.append(md, run.footprint(), footprints, footprintsLarge);
        SimulationSection.append(md, charts, run.simulation());
        SelectionSection.append(md, charts, run.selection(), run.of(SelectionSection.BENCHMARK));
        StacksSection.append(md, run);
        GatewaySection.append(md, charts);
        NatSection.append(md, charts, run);
        ManyThreadsSection.append(md, charts, run);
        CalibrationSection.appendLatest(md, run.dir());

        md.append("## How to read this report\n\n");
        md.append("- ns/event is JMH's average time of one replayed trace event (an allocate, release or reclaim, and any "
                + "TIME-WAIT expiry done inside it); ± is the 99% Student t interval over fork means (forks differ more than "
                + "iterations do; n/a with one fork), not JMH's interval over pooled iterations.\n");
        md.append(ForkEffectLine.of(run.results()));
        md.append("- `harness` is the same replay with no allocator: the floor under every number.\n");
        md.append("- `floor` is the same replay on the cheapest cycle (a free ring and a TIME-WAIT ring inline, no checks, no "
                + "reclaim, no interface): a lower bound, not a usable allocator; `/ floor` divides by it.\n");
        md.append(VerdictSection.HOW_TO_READ);
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
        return String.format(Locale.ROOT, "**Headline** (`%s`, Windows 95's 3976 ports and 240 s TIME-WAIT at 99%% load, on %s, %s %s): %s.%s",
                HEADLINE_WORKLOAD, cpuModel(run), known(run.jvm().vendor()), known(run.jvm().version()), p.sentence(),
                FloorRatios.headlineClause(run, HEADLINE_WORKLOAD, p.bestScore()) + HeadlineConditions.sentence(run, p));
    }

    /** The pick on the headline workload, net of its harness floor; null if the run did not include it. */
    static Pick headlinePick(RunData run) {
        List<JmhResult> results = byWorkload(run.of(REPLAY)).get(HEADLINE_WORKLOAD);
        return results == null ? null : Analysis.pick(HEADLINE_WORKLOAD, results, harness(run, HEADLINE_WORKLOAD));
    }

    /** The empty replay's result on {@code workload}, or null. */
    static JmhResult harnessResult(RunData run, String workload) {
        return run.on(HARNESS, workload);
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

    static String cpuModel(RunData run) {
        return run.environment().machine() == null ? "unknown" : known(run.environment().machine().cpuModel());
    }

    static String cores(RunData run) {
        return run.environment().machine() == null ? "unknown" : String.valueOf(run.environment().machine().cores());
    }

    private static void tradeOffs(StringBuilder md, RunData run, Map<String, FootprintFile.Entry> large) {
        if (!large.isEmpty()) {
            String smallest = null;
            double bytes = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, FootprintFile.Entry> e : large.entrySet()) {
                double b = e.getValue().bytesPerPort();
                if (b < bytes) {
                    bytes = b;
                    smallest = e.getKey();
                }
            }
            md.append(String.format(Locale.ROOT, "- Memory: the smallest at 64512 ports is **%s**, %s bytes per port; "
                    + "see the footprint table for the rest.%n", smallest, Format.bytes(bytes)));
            List<String> late = new ArrayList<>();
            for (Map.Entry<String, FootprintFile.Entry> e : large.entrySet()) {
                long l = e.getValue().maxLatenessNanos();
                if (l > 0) {
                    late.add(String.format(Locale.ROOT, "%s (up to %s ms)", e.getKey(), Format.ns(l / 1e6)));
                }
            }
            if (!late.isEmpty()) {
                md.append("- Lateness: these free a port after its TIME-WAIT by up to one tick: ")
                        .append(String.join(", ", late)).append("; every other allocator is exact.\n");
            }
        }
        md.append(TailSection.tradeOff(run));
    }

    private static void workloadTable(StringBuilder md, RunData run, String workload, WorkloadVerdicts verdicts,
                                      Map<String, FootprintFile.Entry> small, Map<String, FootprintFile.Entry> large) {
        md.append("## Workload `").append(workload).append("`\n\n");
        String description = workloadDescription(workload);
        if (description != null) {
            md.append(description).append("\n\n");
        }
        md.append("| group | allocator | ns/event | ± 99% (forks) | / java.util | / floor | / best (99%) | B/op | bytes @3976 (B/port) | bytes @64512 (B/port) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        JmhResult floor = FloorRatios.floor(run, workload);
        JmhResult base = Analysis.byAllocator(verdicts.rows().stream().map(WorkloadVerdicts.Row::result).toList(),
                Analysis.JAVA_UTIL);
        for (WorkloadVerdicts.Row row : verdicts.rows()) {
            JmhResult r = row.result();
            String id = r.param("allocator");
            md.append("| ").append(row.letters())
                    .append(" | ").append(id)
                    .append(" | ").append(Format.ns(r.score()))
                    .append(" | ").append(Format.ns(r.error()))
                    .append(" | ").append(base == null ? "n/a" : String.format(Locale.ROOT, "%.3f", r.score() / base.score()))
                    .append(" | ").append(FloorRatios.cell(r.score(), floor))
                    .append(" | ").append(VerdictSection.toBestCell(verdicts, row))
                    .append(" | ").append(Format.bytes(r.bytesPerOp()))
                    .append(" | ").append(FootprintSection.cell(small.get(id)))
                    .append(" | ").append(FootprintSection.cell(large.get(id)))
                    .append(" |\n");
        }
        JmhResult h = harnessResult(run, workload);
        if (h != null) {
            md.append("| | *harness (empty replay)* | ").append(Format.ns(h.score())).append(" | ")
                    .append(Format.ns(h.error())).append(" | | | | ").append(Format.bytes(h.bytesPerOp())).append(" | | |\n");
        }
        if (floor != null) {
            md.append(FloorRatios.row(floor));
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
            double[] y = new double[scale.size()];
            double[] err = new double[scale.size()];
            md.append("| ").append(id).append(" |");
            for (int i = 0; i < scale.size(); i++) {
                JmhResult r = Analysis.byAllocator(byWorkload.get(scale.get(i)), id);
                y[i] = r == null ? Double.NaN : r.score();
                err[i] = r == null ? Double.NaN : r.error();
                md.append(' ').append(r == null ? "n/a" : Format.ns(r.score()) + " ± " + Format.ns(r.error())).append(" |");
            }
            md.append(' ').append(Format.ratio(y[y.length - 1] / y[0])).append(" |\n");
            series.add(new Charts.Series(id, null, y, err));
        }
        double[] x = scale.stream().mapToDouble(ReportGenerator::ports).toArray();
        List<Charts.Series> xy = series.stream().map(c -> new Charts.Series(c.name(), x, c.y(), c.error())).toList();
        charts.put("cost-vs-range.svg", Charts.errorLines("range", "Cost per event against range size (rho 0.99, Poisson; "
                + "99% interval over forks)", "ports in the range", "ns/event (log scale)", xy));
        md.append("\n![cost against range size](charts/cost-vs-range.svg)\n\n");
    }

    private static int ports(String scaleWorkload) {
        try {
            return Integer.parseInt(scaleWorkload.substring("scale-".length()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * Makes {@code runDir} the reference run: see {@link ReadmeHeadline#publish(Path, Path)}.
     *
     * @throws IllegalArgumentException if the README has no headline markers or the run is unreadable
     */
    public static Path publish(Path root, Path runDir) {
        return ReadmeHeadline.publish(root, runDir);
    }

    /** Writes {@code results/README.md}: see {@link ResultsIndex#write(Path)}. */
    public static Path writeIndex(Path results) {
        return ResultsIndex.write(results);
    }
}
