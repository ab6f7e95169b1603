package dev.portbench.calibration;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.stack.TimeWaitLateness;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report section "Does the model match a real kernel?", rendered only from a calibration's
 * {@code summary.json}: in full as the folder's {@code CALIBRATION.md}, as a short table in a run
 * report ({@link #appendLatest}) and as lines of the results index ({@link #appendIndex}).
 * Deterministic: the same summary gives the same bytes.
 */
public final class CalibrationSection {

    public static final String TITLE = "Does the model match a real kernel?";
    private static final int OUTAGES_SHOWN = 8;

    private CalibrationSection() {
    }

    /** The full section for {@code CALIBRATION.md} of folder {@code name}. */
    public static String render(CalibrationSummary s, String name) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(TITLE).append("\n\n");
        md.append(String.format(Locale.ROOT, "Calibration `%s`, written by `./portbench calibrate` from the raw data beside "
                + "this file. Kernel **%s**, HZ %d (%s). Each scenario ran real loopback connects in its own network "
                + "namespace; the model replayed the kernel's own attempt instants, destinations and close instants (and "
                + "close kinds), so the two differ only in which attempts got a port, and which.%n%n", name, s.kernel(), s.hz(), s.hzSource()));
        lateness(md, s);
        md.append("**Model**: ").append(s.model()).append(". The same profile and lateness for every scenario; what a "
                + "scenario sets is only its own configuration (range, destinations, call, `tcp_tw_reuse`, `tcp_tw_reuse_delay`, "
                + "`IP_LOCAL_PORT_RANGE`).\n\n");
        md.append("**Targets**: ").append(s.targets()).append(".\n\n");
        long met = s.scenarios().stream().filter(ScenarioComparison::allMet).count();
        md.append(String.format(Locale.ROOT, "**Result**: %d of %d scenarios meet every target.%n%n", met,
                s.scenarios().size()));
        table(md, s.scenarios());
        misses(md, s);
        md.append("## Scenarios\n\n");
        for (ScenarioComparison c : s.scenarios()) {
            scenario(md, c);
        }
        md.append("## How to read this\n\n");
        md.append("- Times are seconds from the scenario's first attempt. An outage is a run of consecutive failed "
                + "attempts; it ends at the next success. Recovery is the end of the first outage in which attempts to every "
                + "destination failed (the client was out of ports, not one destination running dry an attempt before "
                + "another); sustained is the success fraction from recovery to the end.\n");
        md.append("- Raw data: `scenarios/ID/attempts.csv.gz` (every attempt: CLOCK_MONOTONIC ns, destination, outcome, "
                + "local port), `timewait.csv.gz` (the namespace's TIME-WAIT count every 50 ms), `kernel-run.json` "
                + "(sysctls written and read back inside the namespace), `host.json` (the host's sysctls before and after, "
                + "unchanged); `lateness/` holds the probe.\n");
        md.append("- `./portbench calibrate --reanalyse DIR` recomputes `summary.json` and this file from the raw data.\n");
        return md.toString();
    }

    private static void lateness(StringBuilder md, CalibrationSummary s) {
        TimeWaitLateness l = s.lateness();
        if (s.latenessBatches() == 0) {
            md.append(String.format(Locale.ROOT, "**TIME-WAIT lateness**: not measured in this calibration; the Linux "
                    + "profile's resource was used as it is: granularity %s, phase %s, mean %s, max %s (%s).%n%n",
                    sec(l.granularityNanos()), sec(l.phaseNanos()), sec(l.meanLatenessNanos()), sec(l.maxLatenessNanos()),
                    l.source()));
            return;
        }
        md.append(String.format(Locale.ROOT, "**TIME-WAIT lateness, measured**: ports come back in batches every **%s** "
                        + "(measured; the timer wheel predicts %s for a 60 s timer at HZ %d: level %d, %d jiffies; the "
                        + "model's grid is %s), at CLOCK_MONOTONIC "
                        + "phase %s (every batch within %s of that grid). Lateness after close + 60 s: mean **%s**, min %s, "
                        + "max **%s**, over %d batches. This is what the Linux profile now reads "
                        + "(`linux-timewait-lateness.json`).%n%n",
                sec(s.measuredGranularityNanos()), sec(s.predictedGranularityNanos()), s.hz(),
                TimerWheel.level(CalibrationAnalysis.TIME_WAIT_NANOS / 1_000_000_000L * s.hz()),
                TimerWheel.granularityJiffies(CalibrationAnalysis.TIME_WAIT_NANOS / 1_000_000_000L * s.hz()),
                sec(l.granularityNanos()), sec(l.phaseNanos()), ms(s.gridResidualNanos()), sec(l.meanLatenessNanos()), sec(s.minLatenessNanos()),
                sec(l.maxLatenessNanos()), s.latenessBatches()));
    }

    private static void table(StringBuilder md, List<ScenarioComparison> scenarios) {
        md.append("| scenario | attempts | kernel outcomes | first failure: kernel / model (diff) | success: kernel / model "
                + "(diff) | recovery: kernel / model (diff) | sustained: kernel / model | outages: kernel / model (worst end "
                + "diff) | targets |\n");
        md.append("|---|---:|---|---|---|---|---|---|---|\n");
        for (ScenarioComparison c : scenarios) {
            MetricCheck ff = c.checks().get(0);
            MetricCheck sf = c.checks().get(1);
            MetricCheck rc = c.checks().get(2);
            md.append("| `").append(c.scenario().id()).append("` | ").append(c.kernel().attempts()).append(" | ")
                    .append(outcomes(c)).append(" | ")
                    .append(secPair(ff)).append(" | ")
                    .append(String.format(Locale.ROOT, "%s / %s (%+.2f pp)%s", pct(sf.kernel()), pct(sf.model()),
                            sf.difference() * 100, sf.met() ? "" : " **miss**")).append(" | ")
                    .append(secPair(rc)).append(" | ")
                    .append(pct(c.kernel().sustainedRecovery())).append(" / ").append(pct(c.model().sustainedRecovery()))
                    .append(" | ").append(outageCell(c))
                    .append(" | ").append(c.allMet() ? "met" : "**missed**").append(" |\n");
        }
        md.append("\n");
    }

    private static String outageCell(ScenarioComparison c) {
        OutageMatch o = c.outageMatch();
        if (o == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%d / %d (%s)", o.kernelCount(), o.modelCount(),
                Double.isNaN(o.worstEndSeconds()) ? "n/a" : String.format(Locale.ROOT, "%.3f s", o.worstEndSeconds()));
    }

    private static void misses(StringBuilder md, CalibrationSummary s) {
        List<String> lines = s.scenarios().stream().flatMap(c -> c.checks().stream().filter(m -> !m.met())
                .map(m -> String.format(Locale.ROOT, "- `%s`, %s: kernel %s, model %s, off by %s (allowed %s).",
                        c.scenario().id(), m.metric(), value(m, m.kernel(), false), value(m, m.model(), false),
                        value(m, Math.abs(m.difference()), true), value(m, m.tolerance(), true)))).toList();
        if (lines.isEmpty()) {
            return;
        }
        md.append("Misses, with numbers:\n\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append('\n');
        List<String> why = s.scenarios().stream().filter(c -> !c.allMet() && c.scenario().twReuse() == 0
                && c.sameTupleReuses() > 0).map(CalibrationSection::earlyReuses).toList();
        if (!why.isEmpty()) {
            md.append("What the model misses there: with `tcp_tw_reuse=0` the kernel still connected again on 4-tuples "
                    + "whose previous connection was less than 60 s old, so some TIME-WAITs ended early (a connection "
                    + "ended by a reset holds no TIME-WAIT) and the kernel had that many ports more than the model, "
                    + "which has no resets: ").append(String.join("; ", why)).append(".\n\n");
        }
    }

    private static String earlyReuses(ScenarioComparison c) {
        Map<String, Long> t = c.tcpCounters();
        String counters = t.isEmpty() ? "TCP counters not recorded in this run"
                : String.format(Locale.ROOT, "resets sent in the namespace (Tcp.OutRsts) %d, segments refused by "
                        + "TIME-WAIT sockets (TcpExt.PAWSTimewait) %d", t.getOrDefault("Tcp.OutRsts", 0L),
                        t.getOrDefault("TcpExt.PAWSTimewait", 0L));
        return String.format(Locale.ROOT, "`%s`: %d such connects, %d more successes than the model; %s",
                c.scenario().id(), c.sameTupleReuses(), c.kernel().successes() - c.model().successes(), counters);
    }

    private static void scenario(StringBuilder md, ScenarioComparison c) {
        CalibrationScenario s = c.scenario();
        md.append("### `").append(s.id()).append("`: ").append(s.description()).append("\n\n");
        md.append(s.settings()).append("; ").append(c.client()).append(" client; capacity with per-destination sharing ")
                .append(String.format(Locale.ROOT, "%.4g/s", s.sharedCapacityPerSecond(60)))
                .append(String.format(Locale.ROOT, ". TIME-WAIT peak in the namespace %d (host meanwhile: %d); "
                        + "connects on a 4-tuple used less than 60 s before: %d.%n%n",
                        c.timeWaitMax(), c.hostTimeWaitMax(), c.sameTupleReuses()));
        if (!c.tcpCounters().isEmpty()) {
            md.append("Namespace TCP counters that changed: ");
            StringBuilder counters = new StringBuilder();
            c.tcpCounters().forEach((name, v) -> counters.append(counters.length() == 0 ? "" : ", ").append(name)
                    .append(' ').append(v));
            md.append(counters).append(".\n\n");
        }
        List<OutcomeMetrics.Outage> k = c.kernel().outages();
        List<OutcomeMetrics.Outage> m = c.model().outages();
        if (c.kernelPorts() != null && c.modelPorts() != null) {
            md.append(String.format(Locale.ROOT, "Port choice before the first failure: even ports kernel %s / model %s "
                            + "(%d / %d connects), steps of 1-2 ports to the same destination kernel %s / model %s.%n%n",
                    pct(c.kernelPorts().evenShare()), pct(c.modelPorts().evenShare()), c.kernelPorts().connects(),
                    c.modelPorts().connects(), pct(c.kernelPorts().smallStepShare()), pct(c.modelPorts().smallStepShare())));
        }
        if (c.outageMatch() != null) {
            OutageMatch o = c.outageMatch();
            md.append(String.format(Locale.ROOT, "Outages per destination: kernel %d, model %d; worst start difference %s, "
                    + "worst end difference %s.", o.kernelCount(), o.modelCount(), diff(o.worstStartSeconds()),
                    diff(o.worstEndSeconds())));
            if (!o.mismatches().isEmpty()) {
                md.append(" Beyond 0.1 s or unpaired").append(o.mismatches().size() == OutageMatch.KEPT ? " (the first "
                        + OutageMatch.KEPT + ")" : "").append(":\n\n");
                o.mismatches().forEach(line -> md.append("- ").append(line).append('\n'));
            }
            md.append("\n\n");
        }
        md.append(String.format(Locale.ROOT, "Client-wide outages: kernel %d, model %d.", c.kernel().outageCount(),
                c.model().outageCount()));
        int n = Math.min(OUTAGES_SHOWN, Math.max(k.size(), m.size()));
        if (n == 0) {
            md.append("\n\n");
            return;
        }
        md.append(Math.max(k.size(), m.size()) > n ? " The first " + n + ":" : "").append("\n\n");
        md.append("| # | start: kernel / model | end: kernel / model | failed: kernel / model |\n|---:|---|---|---|\n");
        for (int i = 0; i < n; i++) {
            OutcomeMetrics.Outage a = i < k.size() ? k.get(i) : null;
            OutcomeMetrics.Outage b = i < m.size() ? m.get(i) : null;
            md.append("| ").append(i + 1).append(" | ")
                    .append(a == null ? "-" : s3(a.startSeconds())).append(" / ").append(b == null ? "-" : s3(b.startSeconds()))
                    .append(" | ")
                    .append(a == null ? "-" : s3(a.endSeconds()) + (a.open() ? " (open)" : "")).append(" / ")
                    .append(b == null ? "-" : s3(b.endSeconds()) + (b.open() ? " (open)" : "")).append(" | ")
                    .append(a == null ? "-" : Integer.toString(a.failed())).append(" / ")
                    .append(b == null ? "-" : Integer.toString(b.failed())).append(" |\n");
        }
        md.append("\n");
    }

    private static String diff(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.3f s", seconds);
    }

    private static String outcomes(ScenarioComparison c) {
        StringBuilder b = new StringBuilder();
        c.outcomes().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return b.toString();
    }

    private static String secPair(MetricCheck m) {
        if (Double.isNaN(m.kernel()) && Double.isNaN(m.model())) {
            return "none / none";
        }
        return String.format(Locale.ROOT, "%s / %s (%s)%s", s3(m.kernel()), s3(m.model()),
                Double.isNaN(m.difference()) ? "n/a" : String.format(Locale.ROOT, "%+.3f s", m.difference()),
                m.met() ? "" : " **miss**");
    }

    /** A value of {@code m} for prose: fractions as percent (differences in percentage points), times in seconds. */
    private static String value(MetricCheck m, double v, boolean difference) {
        if (Double.isNaN(v)) {
            return "none";
        }
        if (m.unit().equals("count")) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (m.unit().equals("fraction")) {
            return String.format(Locale.ROOT, difference ? "%.2f pp" : "%.2f%%", v * 100);
        }
        return String.format(Locale.ROOT, "%.3f s", v);
    }

    private static String s3(double seconds) {
        return Double.isNaN(seconds) ? "none" : String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String pct(double f) {
        return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", f * 100);
    }

    private static String sec(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Calibration folders under {@code results/calibration} that have a summary, newest name last. */
    public static List<Path> calibrationsUnder(Path results) {
        return RunFiles.foldersHolding(results.resolve("calibration"), "summary.json");
    }

    static CalibrationSummary load(Path folder) {
        return CalibrationJson.read(folder.resolve("summary.json"), CalibrationSummary.class);
    }

    /**
     * Appends the short form of the newest calibration under {@code results} to a run report whose
     * folder is {@code results/runs/RUN}; nothing when there is none.
     */
    public static void appendLatest(StringBuilder md, Path runDir) {
        Path runs = runDir.toAbsolutePath().normalize().getParent();
        if (runs == null || runs.getParent() == null) {
            return;
        }
        List<Path> all = calibrationsUnder(runs.getParent());
        if (all.isEmpty()) {
            return;
        }
        Path latest = all.get(all.size() - 1);
        CalibrationSummary s = load(latest);
        String name = latest.getFileName().toString();
        md.append("## ").append(TITLE).append("\n\n");
        md.append(String.format(Locale.ROOT, "From the latest calibration, [%s](../../calibration/%s/CALIBRATION.md) "
                        + "(kernel %s, HZ %d; TIME-WAIT batches every %s, lateness mean %s, max %s): %s. Kernel vs model:%n%n",
                name, name, s.kernel(), s.hz(), sec(s.lateness().granularityNanos()), sec(s.lateness().meanLatenessNanos()),
                sec(s.lateness().maxLatenessNanos()), verdict(s)));
        table(md, s.scenarios());
    }

    /** Appends the calibrations under {@code results} to the results index; nothing when there is none. */
    public static void appendIndex(StringBuilder md, Path results) {
        appendStackIndex(md, results);
        MasqueradeAnalysis.appendIndex(md, results);
    }

    private static void appendStackIndex(StringBuilder md, Path results) {
        List<Path> all = calibrationsUnder(results);
        if (all.isEmpty()) {
            return;
        }
        md.append("\n## Kernel calibrations\n\nWritten by `./portbench calibrate` (").append(TITLE).append("):\n\n");
        for (int i = all.size() - 1; i >= 0; i--) {
            Path p = all.get(i);
            String name = p.getFileName().toString();
            try {
                CalibrationSummary s = load(p);
                md.append("- [").append(name).append("](calibration/").append(name).append("/CALIBRATION.md): kernel ")
                        .append(s.kernel()).append(", ").append(verdict(s)).append("\n");
            } catch (IllegalArgumentException e) {
                md.append("- ").append(name).append(": unreadable: ").append(e.getMessage()).append("\n");
            }
        }
    }

    static String verdict(CalibrationSummary s) {
        long met = s.scenarios().stream().filter(ScenarioComparison::allMet).count();
        return met + " of " + s.scenarios().size() + " scenarios meet all targets";
    }
}
