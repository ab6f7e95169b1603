package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.runfolder.SimulationFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's simulation section, from {@code simulation.json}. */
final class SimulationSection {

    private SimulationSection() {
    }

    static void append(StringBuilder md, Map<String, String> charts, SimulationFile sim) {
        md.append("## Simulation: when does a Q170791 client run out of ports?\n\n");
        if (sim == null) {
            md.append("This run has no simulation.json.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "Virtual time, exact counts. %d ports, %s s TIME-WAIT: capacity %s connections/s. "
                        + "Each client run lasts %d periods of TIME-WAIT plus holding time; tables and sweeps use `%s` "
                        + "(exact expiry). %,d events simulated in %s s. Reproduce alone with `./portbench simulate --periods %d`.%n%n",
                sim.ports(), num(sim.timeWaitSeconds()), num(sim.capacityPerSecond()), sim.periods(), sim.reference(),
                sim.events(), num(sim.wallSeconds()), sim.periods()));
        md.append("### The KB's numbers: fixed-rate client, no holding time\n\n");
        md.append("| rate /s | rho | first failure (s) | theory: ports / rate | long-run success | theory: capacity / rate |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        for (SimulationFile.KbRow r : sim.kb()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %s | %s | %s |%n", num(r.ratePerSecond()), r.rho(),
                    orNone(r.firstFailureSeconds()), orNone(r.predictedFirstFailureSeconds()),
                    Format.percent(r.steadySuccess()), Format.percent(r.predictedSuccess())));
        }
        md.append("\n");

        SimulationFile.Timeline tl = sim.timeline();
        if (tl != null) {
            md.append(String.format(Locale.ROOT, "### Fill, cliff and recovery%n%n%s connections/s until %s s, then half capacity. "
                            + "First failure at %s s.%n%n", num(tl.ratePerSecond()), num(tl.phaseChangeSeconds()),
                    orNone(tl.summary().firstFailureSeconds())));
            SimulationFile.Series s = tl.series();
            double[] t = s.timeSeconds();
            charts.put("sim-occupancy.svg", Charts.lines("occ", scenario(sim) + ": ports in each state over time ("
                            + num(tl.ratePerSecond()) + " conn/s, then half capacity)", "virtual time (s)", "ports",
                    List.of(new Charts.Series("in use", t, doubles(s.inUse()), null),
                            new Charts.Series("TIME-WAIT", t, doubles(s.timeWait()), null),
                            new Charts.Series("free", t, doubles(s.free()), null)), false, false));
            charts.put("sim-success-over-time.svg", Charts.lines("succt", scenario(sim) + ": connect success per "
                            + num(s.windowSeconds()) + " s window (" + num(tl.ratePerSecond()) + " conn/s, then half capacity)",
                    "virtual time (s)", "success fraction (0-1)",
                    List.of(new Charts.Series("success", t, s.success(), null)), false, false));
            md.append("![occupancy over time](charts/sim-occupancy.svg)\n\n![success over time](charts/sim-success-over-time.svg)\n\n");
        }

        if (sim.allocators() != null) {
            int overloadPeriods = sim.overloadPeriods() == null ? sim.periods() : sim.overloadPeriods();
            md.append(String.format(Locale.ROOT, "### Every allocator on the same overload (%s connections/s, %d periods)%n%n",
                    num(tl == null ? 0 : tl.ratePerSecond()), overloadPeriods));
            md.append(String.format(Locale.ROOT, "Exact allocators must agree with each other to the connection; a wheel may "
                    + "free a port up to its lateness late, and this is what that costs over %d periods of TIME-WAIT (a "
                    + "tick of lateness costs about one use per port per 240 cycles, so short runs hide it): extra "
                    + "failed connects against the exact allocators, and their share of all attempts.%n%n", overloadPeriods));
            md.append("| allocator | lateness | successes | failures | difference vs exact | success | first failure (s) |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            long exact = -1;
            for (SimulationFile.Outcome a : sim.allocators()) {
                if (a.maxLatenessNanos() == 0) {
                    exact = a.failures();
                    break;
                }
            }
            for (SimulationFile.Outcome a : sim.allocators()) {
                long late = a.maxLatenessNanos();
                long failures = a.failures();
                md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %s | %s | %s |%n", a.allocator(),
                        late == 0 ? "exact" : Format.ns(late / 1e6) + " ms", a.successes(), failures,
                        exact < 0 ? "n/a" : String.format(Locale.ROOT, "%+,d failures (%s of attempts)", failures - exact,
                                Format.percent((failures - exact) / Math.max(1.0, a.attempts()))),
                        Format.percent(a.successFraction()), orNone(a.firstFailureSeconds())));
            }
            md.append("\n");
        }

        SimulationFile.Sweeps sweeps = sim.sweeps();
        if (sweeps != null) {
            sweep(md, charts, sweeps.range(), "sim-success-vs-rate-range.svg", "range size");
            sweep(md, charts, sweeps.timeWait(), "sim-success-vs-rate-timewait.svg", "TIME-WAIT");
            sweep(md, charts, sweeps.holding(), "sim-success-vs-rate-holding.svg", "holding time");
        }
    }

    private static void sweep(StringBuilder md, Map<String, String> charts, List<SimulationFile.Sweep> curves, String file,
                              String what) {
        if (curves == null || curves.isEmpty()) {
            return;
        }
        md.append("### Success against load, by ").append(what).append("\n\n");
        md.append("Poisson arrivals; steady-state success (second half of the run) at each offered load rho = rate / capacity. "
                + "Each curve follows the theory, min(1, capacity / rate), up to Poisson noise near rho 1; the chart puts them "
                + "on one axis of connections per second, so the distance between curves is what a larger range or a shorter "
                + "TIME-WAIT buys.\n\n");
        md.append("| curve | capacity /s |");
        List<SimulationFile.SweepPoint> first = curves.get(0).points();
        for (SimulationFile.SweepPoint p : first) {
            md.append(" rho ").append(num(p.rho())).append(" |");
        }
        md.append("\n|---|---:|").append("---:|".repeat(first.size())).append('\n');
        List<Charts.Series> series = new ArrayList<>();
        for (SimulationFile.Sweep c : curves) {
            md.append("| ").append(c.label()).append(" | ").append(num(c.capacityPerSecond())).append(" |");
            List<SimulationFile.SweepPoint> pts = c.points();
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                x[i] = pts.get(i).ratePerSecond();
                y[i] = pts.get(i).steadySuccess();
                md.append(' ').append(Format.percent(y[i])).append(" |");
            }
            md.append('\n');
            series.add(new Charts.Series(c.label(), x, y, null));
        }
        charts.put(file, Charts.lines(file.replace(".svg", "").replace("-", ""), "Q170791 client, Poisson arrivals: steady-state connect "
                + "success against arrival rate, by " + what, "new connections per second (log scale)",
                "steady-state success fraction (0-1)", series, true, false));
        md.append("\n![success against load by ").append(what).append("](charts/").append(file).append(")\n\n");
    }

    /** The simulated client in a chart title: the Q170791 client, its range and TIME-WAIT. */
    private static String scenario(SimulationFile sim) {
        return String.format(Locale.ROOT, "Q170791 client, %d ports, %s s TIME-WAIT", sim.ports(), num(sim.timeWaitSeconds()));
    }

    private static double[] doubles(int[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String orNone(Double v) {
        return v == null ? "none" : String.format(Locale.ROOT, "%.2f", v);
    }
}
