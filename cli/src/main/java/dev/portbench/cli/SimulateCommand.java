package dev.portbench.cli;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.SimulationFile;
import dev.portbench.simulation.Outage;
import dev.portbench.simulation.Scenario;
import dev.portbench.simulation.ScenarioFiles;
import dev.portbench.simulation.ScenarioResult;
import dev.portbench.simulation.ScenarioSimulator;
import dev.portbench.simulation.SimulationStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./portbench simulate}: one {@link Scenario} from the {@link ScenarioOptions} (any stack,
 * range, TIME-WAIT, arrivals, holding, destinations, call, tcp_tw_reuse, allocator, tick), printed
 * as a user reads it (first failure, outages, recovery, steady state) and written as JSON / CSV;
 * or, with no scenario option (or {@code --preset q170791}), the Q170791 study as before; or, with
 * {@code --trace FILE}, a recorded trace on every stack ({@link TraceSimulation}).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One scenario on a destination-aware model of a TCP stack: how long the client lasts, its outages "
                + "and what it sustains. Example (the issue's question):",
            "  ./portbench simulate --stack linux --range 1025-5000 --destinations 4 --rate 400",
            "With no scenario option, or --preset q170791: the Q170791 study (fill, cliff, recovery, the KB's table, sweeps)."})
final class SimulateCommand implements Callable<Integer> {

    /** Outages listed on the terminal; the JSON holds them all (up to ScenarioSimulator.MAX_OUTAGES_KEPT). */
    static final int SHOWN_OUTAGES = 5;

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "q170791: the Q170791 study (the default without scenario options).")
    private String preset;

    @Mixin
    private StudyOptions study;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Replay your own traffic (CSV, Zeek conn.log, pcap, pcapng) on every stack instead of a scenario: "
                    + "when and how often it fails; with --client, --speed, --ends, --reorder-tolerance, and --stack, --range, "
                    + "--time-wait for custom rules; --out FILE writes it as JSON.")
    Path trace;

    @Mixin
    TraceOptions traceOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (preset != null && !preset.equals("q170791")) {
            throw new IllegalArgumentException("--preset: '" + preset + "' (expected q170791)");
        }
        if (preset != null && scenario.given()) {
            throw new IllegalArgumentException("--preset q170791 runs the study: give no scenario option with it");
        }
        if (trace != null) {
            return new TraceSimulation(spec.commandLine(), traceOptions.resolve(trace, scenario.stack, scenario.range,
                    scenario.timeWaitNanos), study.out).call();
        }
        if (traceOptions.given()) {
            throw new IllegalArgumentException("--client, --speed, --ends and --reorder-tolerance apply to a trace (expected "
                    + "--trace FILE with them)");
        }
        if (!scenario.given()) {
            long start = System.nanoTime();
            SimulationFile doc = SimulationStudy.run(study.periods());
            out.print(SimulationStudy.summary(doc));
            out.printf(Locale.ROOT, "(%s)%n", PortBench.duration((System.nanoTime() - start) / 1e9));
            if (study.out != null) {
                RunFiles.write(study.out, doc);
                out.println("wrote " + study.out);
            }
            out.flush();
            return 0;
        }
        for (String studyOption : new String[] {"--out", "--periods"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(studyOption)) {
                throw new IllegalArgumentException(studyOption + ": an option of the Q170791 study (expected --duration, "
                        + "--json or --csv with a scenario)");
            }
        }
        ScenarioResult r = ScenarioSimulator.run(scenario.scenario());
        out.print(summary(r));
        if (scenario.json != null) {
            ScenarioFiles.writeJson(scenario.json, r);
            out.println("wrote " + scenario.json);
        }
        if (scenario.csv != null) {
            ScenarioFiles.writeCsv(scenario.csv, r);
            out.println("wrote " + scenario.csv);
        }
        if (scenario.outcomesCsv != null) {
            ScenarioFiles.writeOutcomesCsv(scenario.outcomesCsv, r);
            out.println("wrote " + scenario.outcomesCsv);
        }
        out.flush();
        return 0;
    }

    /** What a user reads: the scenario in one line, then first failure, outages, recovery, steady state. */
    static String summary(ScenarioResult r) {
        Scenario s = r.scenario();
        StringBuilder b = new StringBuilder();
        String arrivals = switch (s.arrivals()) {
            case FIXED_RATE -> fmt(s.ratePerSecond()) + " connects/s";
            case POISSON -> "Poisson " + fmt(s.ratePerSecond()) + " connects/s";
            case EXPLICIT -> s.attemptTimes().length + " given attempt instants";
        };
        String destinations = s.destinations() + " destination" + (s.destinations() == 1 ? "" : "s")
                + switch (s.destinationPattern()) {
                    case ROUND_ROBIN -> s.destinations() > 1 ? " round-robin" : "";
                    case ZIPF -> " Zipf " + fmt(s.zipfExponent());
                    case EXPLICIT -> " (given per attempt)";
                } + (s.loopback() ? " (loopback)" : "");
        b.append(String.format(Locale.ROOT, "%s: %s, ports %d-%d (%d), TIME-WAIT %s s, %s, %s, %s%s, tcp_tw_reuse %d (%s ms), "
                        + "lateness %s, allocator %s%n",
                s.name(), s.profile().id(), s.firstPort(), s.lastPort(), s.ports(), fmt(s.timeWaitNanos() / 1e9), s.call().id(),
                arrivals, destinations, s.holdNanos() == 0 ? "" : ", held " + fmt(s.holdNanos() / 1e9) + " s "
                        + s.holding().name().toLowerCase(Locale.ROOT),
                s.timeWaitReuse().sysctl(), fmt(s.reuseDelayNanos() / 1e6),
                s.lateness().isExact() ? "exact" : "up to " + fmt(s.lateness().granularityNanos() / 1e9) + " s",
                s.allocator().id()));
        b.append(String.format(Locale.ROOT, "  simulated %s s: %d attempts, %d failed, success %s%n",
                fmt(s.durationNanos() / 1e9), r.attempts(), r.failures(), fmt(r.successFraction())));
        b.append(String.format(Locale.ROOT, "  capacity (theory): %s connects/s%s%n", fmt(r.capacityPerSecond()),
                s.sharesPorts() && s.destinations() > 1 ? " (" + s.destinations() + " x " + s.ports() + " ports / "
                        + fmt((s.timeWaitNanos() + s.holdNanos()) / 1e9) + " s)" : ""));
        b.append("  first failure: ").append(r.failed() ? "after " + fmt(r.firstFailureNanos() / 1e9) + " s" : "none")
                .append('\n');
        if (r.outageCount() > 0) {
            b.append(String.format(Locale.ROOT, "  outages: %d (runs of failed connects); longest %s s%n", r.outageCount(),
                    fmt(r.longestOutage().lengthNanos(s.durationNanos()) / 1e9)));
            for (int i = 0; i < Math.min(SHOWN_OUTAGES, r.outages().size()); i++) {
                Outage o = r.outages().get(i);
                b.append(String.format(Locale.ROOT, "    outage %d: %s s to %s, %d failed connects%n", i + 1,
                        fmt(o.startNanos() / 1e9), o.recovered() ? fmt(o.endNanos() / 1e9) + " s" : "the end",
                        o.failedConnects()));
            }
            if (r.outageCount() > SHOWN_OUTAGES) {
                b.append("    ... (all ").append(Math.min(r.outageCount(), r.outages().size())).append(" in --json)\n");
            }
            b.append("  recovery: ").append(r.recoveryNanos() < 0 ? "never (the first outage lasts to the end)"
                    : "connects succeed again " + fmt(r.recoveryNanos() / 1e9) + " s after the first failure").append('\n');
        }
        b.append(String.format(Locale.ROOT, "  steady state (last whole periods of the second half): sustains %s connects/s, success %s%n",
                fmt(r.sustainedPerSecond()), fmt(r.steadySuccess())));
        if (r.reuses() > 0) {
            b.append("  tcp_tw_reuse took over ").append(r.reuses()).append(" TIME-WAIT entries\n");
        }
        b.append(String.format(Locale.ROOT, "  (%d events in %s s)%n", r.events(), fmt(r.wallNanos() / 1e9)));
        return b.toString();
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 1 ? "%.3f" : "%.4f", v);
    }
}
