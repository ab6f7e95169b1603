package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.Interval;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceGenerator;
import dev.portbench.workload.Workloads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's cost breakdown ({@code CostBreakdownBenchmark}): per allocator and workload, the
 * time of one allocate, one release and one expiry call, each timed alone, net of the
 * clock-reading floor ({@code InvocationFloorBenchmark}), and the per-event cost they add up to
 * (expire + allocate x opens per event + release x closes per event, the shares read from the
 * workload's trace) beside the replay's measured cost. It is where the fixed-rate and Poisson
 * workloads' different winners are explained: the column that moves between the two.
 */
final class CostBreakdownSection {

    static final String BENCHMARK = "CostBreakdownBenchmark.call";
    static final String FLOOR = "InvocationFloorBenchmark.call";
    static final List<String> OPERATIONS = List.of("allocate", "release", "expire");

    private CostBreakdownSection() {
    }

    static void append(StringBuilder md, RunData run) {
        List<JmhResult> calls = run.of(BENCHMARK);
        if (calls.isEmpty()) {
            if ("quick".equals(run.environment().profile())) {
                md.append("## Where the time goes: allocate, release and expire\n\nNot measured by the quick profile (it "
                        + "would double its time); `./portbench run --profile full` times each call alone on the fixed-rate "
                        + "and Poisson workloads.\n\n");
            }
            return;
        }
        List<JmhResult> floors = run.of(FLOOR);
        double floor = floors.isEmpty() ? 0 : floors.get(0).score();
        md.append("## Where the time goes: allocate, release and expire\n\n");
        md.append(String.format(Locale.ROOT, "`CostBreakdownBenchmark` replays each event as two calls, `expire(now)` and then "
                + "the event, and times one kind of call alone (the rest is replayed untimed between calls). Nanoseconds per "
                + "call net of the %s ns clock-reading floor (`InvocationFloorBenchmark`), ± the 99%% interval over forks. "
                + "Timing single calls adds the cache and pipeline effects of the untimed work between them, so the "
                + "columns are for comparing allocators and workloads, and the last two columns check how far the sum "
                + "of the parts is from the replay's own cost.%n%n", Format.ns(floor)));
        Map<String, Map<String, Map<String, JmhResult>>> byWorkload = new LinkedHashMap<>();
        for (JmhResult r : calls) {
            byWorkload.computeIfAbsent(r.param("workload"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.param("allocator"), k -> new LinkedHashMap<>()).put(r.param("operation"), r);
        }
        Map<String, Map<String, double[]>> parts = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Map<String, JmhResult>>> w : byWorkload.entrySet()) {
            double[] shares = shares(w.getKey());
            md.append("### `").append(w.getKey()).append("`");
            md.append(String.format(Locale.ROOT, " (per event: %.3f allocates, %.3f releases, 1 expiry call)%n%n", shares[0], shares[1]));
            md.append("| allocator | allocate | release | expire | parts per event | replay ns/event |\n");
            md.append("|---|---:|---:|---:|---:|---:|\n");
            List<JmhResult> replays = new ArrayList<>();
            for (JmhResult r : run.of(ReportGenerator.REPLAY)) {
                if (w.getKey().equals(r.param("workload"))) {
                    replays.add(r);
                }
            }
            for (Map.Entry<String, Map<String, JmhResult>> a : w.getValue().entrySet()) {
                double[] net = new double[OPERATIONS.size()];
                md.append("| ").append(a.getKey());
                for (int i = 0; i < net.length; i++) {
                    JmhResult r = a.getValue().get(OPERATIONS.get(i));
                    net[i] = r == null ? Double.NaN : r.score() - floor;
                    Interval iv = r == null ? null : r.forkInterval(Confidence.RANKING);
                    md.append(" | ").append(Format.ns(net[i]))
                            .append(iv != null && iv.resolved() ? " ± " + Format.ns(iv.halfWidth()) : "");
                }
                double perEvent = net[2] + shares[0] * net[0] + shares[1] * net[1];
                JmhResult replay = Analysis.byAllocator(replays, a.getKey());
                md.append(" | ").append(Format.ns(perEvent)).append(" | ")
                        .append(replay == null ? "n/a" : Format.ns(replay.score())).append(" |\n");
                parts.computeIfAbsent(a.getKey(), k -> new LinkedHashMap<>()).put(w.getKey(), net);
            }
            md.append("\n");
        }
        explainFlip(md, run, parts);
    }

    /** Which call moves most between the two workloads for each workload's winner. */
    private static void explainFlip(StringBuilder md, RunData run, Map<String, Map<String, double[]>> parts) {
        List<String> workloads = new ArrayList<>();
        parts.values().forEach(m -> m.keySet().forEach(w -> {
            if (!workloads.contains(w)) {
                workloads.add(w);
            }
        }));
        if (workloads.size() != 2) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String w : workloads) {
            List<JmhResult> replays = new ArrayList<>();
            for (JmhResult r : run.of(ReportGenerator.REPLAY)) {
                if (w.equals(r.param("workload"))) {
                    replays.add(r);
                }
            }
            if (replays.isEmpty()) {
                continue;
            }
            Analysis.Pick pick = Analysis.pick(w, replays);
            String winner = pick.winners().get(0);
            Map<String, double[]> p = parts.get(winner);
            if (p == null || p.size() != 2) {
                continue;
            }
            double[] a = p.get(workloads.get(0));
            double[] b = p.get(workloads.get(1));
            int most = 0;
            for (int i = 1; i < a.length; i++) {
                if (Math.abs(b[i] - a[i]) > Math.abs(b[most] - a[most])) {
                    most = i;
                }
            }
            lines.add(String.format(Locale.ROOT, "- `%s` is won by **%s**%s; from `%s` to `%s` its %s call moves most, "
                    + "%s -> %s ns.", w, winner, pick.resolved() ? "" : " (not resolved)", workloads.get(0), workloads.get(1),
                    OPERATIONS.get(most), Format.ns(a[most]), Format.ns(b[most])));
        }
        if (!lines.isEmpty()) {
            md.append("What separates the fixed-rate and Poisson winners (computed from the tables above):\n\n");
            lines.forEach(l -> md.append(l).append('\n'));
            md.append('\n');
        }
    }

    /** Allocates and releases per event in {@code workload}'s trace. */
    private static double[] shares(String workload) {
        try {
            Trace t = TraceGenerator.generate(Workloads.byId(workload));
            return new double[] {(double) t.count(Trace.OPEN) / t.size(), (double) t.count(Trace.CLOSE) / t.size()};
        } catch (IllegalArgumentException unknown) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }
}
