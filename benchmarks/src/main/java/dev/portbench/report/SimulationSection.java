package dev.portbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portbench.report.Analysis.Format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's simulation section, from {@code simulation.json}. */
final class SimulationSection {

    private SimulationSection() {
    }

    static void append(StringBuilder md, Map<String, String> charts, JsonNode sim) {
        md.append("## Simulation: when does a Q170791 client run out of ports?\n\n");
        if (sim == null) {
            md.append("This run has no simulation.json.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "Virtual time, exact counts. %d ports, %s s TIME-WAIT: capacity %s connections/s. "
                        + "Each client run lasts %d periods of TIME-WAIT plus holding time; tables and sweeps use `%s` "
                        + "(exact expiry). %,d events simulated in %s s. Reproduce alone with `./portbench simulate --periods %d`.%n%n",
                sim.path("ports").asInt(), num(sim.path("timeWaitSeconds")), num(sim.path("capacityPerSecond")),
                sim.path("periods").asInt(), sim.path("reference").asText(), sim.path("events").asLong(),
                num(sim.path("wallSeconds")), sim.path("periods").asInt()));
        md.append("### The KB's numbers: fixed-rate client, no holding time\n\n");
        md.append("| rate /s | rho | first failure (s) | theory: ports / rate | long-run success | theory: capacity / rate |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode r : sim.path("kb")) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %s | %s | %s |%n", num(r.path("ratePerSecond")),
                    r.path("rho").asDouble(), orNone(r.path("firstFailureSeconds")), orNone(r.path("predictedFirstFailureSeconds")),
                    Format.percent(r.path("steadySuccess").asDouble()), Format.percent(r.path("predictedSuccess").asDouble())));
        }
        md.append("\n");

        JsonNode tl = sim.path("timeline");
        if (tl.isObject()) {
            md.append(String.format(Locale.ROOT, "### Fill, cliff and recovery%n%n%s connections/s until %s s, then half capacity. "
                            + "First failure at %s s.%n%n", num(tl.path("ratePerSecond")), num(tl.path("phaseChangeSeconds")),
                    orNone(tl.path("summary").path("firstFailureSeconds"))));
            JsonNode s = tl.path("series");
            double[] t = doubles(s.path("timeSeconds"));
            charts.put("sim-occupancy.svg", Charts.lines("occ", "Port occupancy over time (" + num(tl.path("ratePerSecond"))
                            + "/s, then half capacity)", "virtual time (s)", "ports",
                    List.of(new Charts.Series("in use", t, doubles(s.path("inUse")), null),
                            new Charts.Series("TIME-WAIT", t, doubles(s.path("timeWait")), null),
                            new Charts.Series("free", t, doubles(s.path("free")), null)), false, false));
            charts.put("sim-success-over-time.svg", Charts.lines("succt", "Connect success per "
                            + num(s.path("windowSeconds")) + " s window", "virtual time (s)", "success fraction",
                    List.of(new Charts.Series("success", t, doubles(s.path("success")), null)), false, false));
            md.append("![occupancy over time](charts/sim-occupancy.svg)\n\n![success over time](charts/sim-success-over-time.svg)\n\n");
        }

        if (sim.path("allocators").isArray()) {
            int overloadPeriods = sim.path("overloadPeriods").asInt(sim.path("periods").asInt());
            md.append(String.format(Locale.ROOT, "### Every allocator on the same overload (%s connections/s, %d periods)%n%n",
                    num(tl.path("ratePerSecond")), overloadPeriods));
            md.append(String.format(Locale.ROOT, "Exact allocators must agree with each other to the connection; a wheel may "
                    + "free a port up to its lateness late, and this is what that costs over %d periods of TIME-WAIT (a "
                    + "tick of lateness costs about one use per port per 240 cycles, so short runs hide it): extra "
                    + "failed connects against the exact allocators, and their share of all attempts.%n%n", overloadPeriods));
            md.append("| allocator | lateness | successes | failures | difference vs exact | success | first failure (s) |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            long exact = -1;
            for (JsonNode a : sim.path("allocators")) {
                if (a.path("maxLatenessNanos").asLong() == 0) {
                    exact = a.path("failures").asLong();
                    break;
                }
            }
            for (JsonNode a : sim.path("allocators")) {
                long late = a.path("maxLatenessNanos").asLong();
                long failures = a.path("failures").asLong();
                md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %s | %s | %s |%n", a.path("allocator").asText(),
                        late == 0 ? "exact" : Format.ns(late / 1e6) + " ms", a.path("successes").asLong(), failures,
                        exact < 0 ? "n/a" : String.format(Locale.ROOT, "%+,d failures (%s of attempts)", failures - exact,
                                Format.percent((failures - exact) / Math.max(1.0, a.path("attempts").asDouble()))),
                        Format.percent(a.path("successFraction").asDouble()), orNone(a.path("firstFailureSeconds"))));
            }
            md.append("\n");
        }

        JsonNode sweeps = sim.path("sweeps");
        sweep(md, charts, sweeps.path("range"), "sim-success-vs-rate-range.svg", "range size");
        sweep(md, charts, sweeps.path("timeWait"), "sim-success-vs-rate-timewait.svg", "TIME-WAIT");
        sweep(md, charts, sweeps.path("holding"), "sim-success-vs-rate-holding.svg", "holding time");
    }

    private static void sweep(StringBuilder md, Map<String, String> charts, JsonNode curves, String file, String what) {
        if (!curves.isArray() || curves.isEmpty()) {
            return;
        }
        md.append("### Success against load, by ").append(what).append("\n\n");
        md.append("Poisson arrivals; steady-state success (second half of the run) at each offered load rho = rate / capacity. "
                + "Each curve follows the theory, min(1, capacity / rate), up to Poisson noise near rho 1; the chart puts them "
                + "on one axis of connections per second, so the distance between curves is what a larger range or a shorter "
                + "TIME-WAIT buys.\n\n");
        md.append("| curve | capacity /s |");
        JsonNode first = curves.get(0).path("points");
        for (JsonNode p : first) {
            md.append(" rho ").append(num(p.path("rho"))).append(" |");
        }
        md.append("\n|---|---:|").append("---:|".repeat(first.size())).append('\n');
        List<Charts.Series> series = new ArrayList<>();
        for (JsonNode c : curves) {
            md.append("| ").append(c.path("label").asText()).append(" | ").append(num(c.path("capacityPerSecond"))).append(" |");
            JsonNode pts = c.path("points");
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                x[i] = pts.get(i).path("ratePerSecond").asDouble();
                y[i] = pts.get(i).path("steadySuccess").asDouble();
                md.append(' ').append(Format.percent(y[i])).append(" |");
            }
            md.append('\n');
            series.add(new Charts.Series(c.path("label").asText(), x, y, null));
        }
        charts.put(file, Charts.lines(file.replace(".svg", "").replace("-", ""), "Connect success against arrival rate, by " + what,
                "new connections per second (log scale)", "steady-state success", series, true, false));
        md.append("\n![success against load by ").append(what).append("](charts/").append(file).append(")\n\n");
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    private static String num(JsonNode n) {
        double v = n.asDouble();
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String orNone(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "none" : String.format(Locale.ROOT, "%.2f", n.asDouble());
    }
}
