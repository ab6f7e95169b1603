package dev.portbench.cli;

import dev.portbench.io.AtomicFiles;
import dev.portbench.simulation.Outage;
import dev.portbench.simulation.Scenario;
import dev.portbench.simulation.ScenarioFiles;
import dev.portbench.simulation.ScenarioResult;
import dev.portbench.simulation.ScenarioSimulator;
import dev.portbench.simulation.SimulationStudy;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./portbench simulate}: runs what {@link SimulateArguments} describes (one scenario, or the
 * Q170791 study preset), prints what the client experienced, and writes the files asked for.
 */
final class SimulateCommand {

    private SimulateCommand() {
    }

    static int execute(SimulateArguments a, PrintStream out) {
        long start = System.nanoTime();
        if (a.preset()) {
            Map<String, Object> doc = SimulationStudy.run(a.periods());
            out.print(SimulationStudy.summary(doc));
            out.printf(Locale.ROOT, "(%s)%n", PortBench.duration((System.nanoTime() - start) / 1e9));
            if (a.studyOut() != null) {
                AtomicFiles.writeJson(a.studyOut(), doc);
                out.println("wrote " + a.studyOut());
            }
            return 0;
        }
        ScenarioResult r = ScenarioSimulator.run(a.scenario());
        out.print(summary(r));
        if (a.json() != null) {
            ScenarioFiles.writeJson(a.json(), r);
            out.println("wrote " + a.json());
        }
        if (a.csv() != null) {
            ScenarioFiles.writeCsv(a.csv(), r);
            out.println("wrote " + a.csv());
        }
        if (a.outcomes() != null) {
            ScenarioFiles.writeOutcomesCsv(a.outcomes(), r);
            out.println("wrote " + a.outcomes());
        }
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
            Outage first = r.outages().get(0);
            b.append(String.format(Locale.ROOT, "  outages: %d; first %s s to %s (%d failed connects); longest %s s%n",
                    r.outageCount(), fmt(first.startNanos() / 1e9),
                    first.recovered() ? fmt(first.endNanos() / 1e9) + " s" : "the end",
                    first.failedConnects(), fmt(r.longestOutage().lengthNanos(s.durationNanos()) / 1e9)));
            b.append("  recovery: ").append(r.recoveryNanos() < 0 ? "never (the first outage lasts to the end)"
                    : "connects succeed again " + fmt(r.recoveryNanos() / 1e9) + " s after the first failure").append('\n');
        }
        b.append(String.format(Locale.ROOT, "  steady state (second half): sustains %s connects/s, success %s%n",
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
