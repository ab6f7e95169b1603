package dev.portbench.report;

import dev.portbench.gateway.CapacitySearch;
import dev.portbench.gateway.CloseKindShare;
import dev.portbench.gateway.FleetArrival;
import dev.portbench.gateway.FleetScenario;
import dev.portbench.gateway.GatewayNat;
import dev.portbench.gateway.GatewayProfile;
import dev.portbench.gateway.GatewayProfiles;
import dev.portbench.gateway.GatewayResult;
import dev.portbench.gateway.GatewaySimulator;
import dev.portbench.gateway.SynSchedule;
import dev.portbench.report.Analysis.Format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's "Gateways" section, computed when the report is written (the simulation is
 * deterministic, so the same code gives the same bytes): the standard fleet on AWS NAT Gateway
 * over time (mappings per state, dropped SYNs and failed connects), its per-destination headroom,
 * and {@code --find max-clients} on every built-in profile. The fleet is small enough that the
 * whole section costs seconds, so the quick profile includes it; it is computed once per JVM.
 */
final class GatewaySection {

    /** Clients of the standard fleet for the time series (the capacity search scales it). */
    static final int CLIENTS = 200;

    private GatewaySection() {
    }

    /**
     * The standard fleet: Linux clients at 1 request/s each, 4 destinations (one takes 70%), 10 s
     * held, 90% closed by FIN and 10% by RST, Poisson arrivals, 300 s (past every profile's FIN timer).
     */
    static FleetScenario standardFleet(int clients) {
        return new FleetScenario(clients, 300, FleetArrival.POISSON, 1, 1, 0, 60, 0, 86_400,
                List.of(1.0), 10, false, new CloseKindShare(0.9, 0.1, 0), 1, SynSchedule.LINUX.id(),
                1, 30);
    }

    /**
     * Appends the section. It depends on no run, so it is computed once per JVM on first use (the
     * capacity searches take most of a report's time) and every report of that JVM appends the same
     * bytes, as a fresh JVM would compute them.
     */
    static void append(StringBuilder md, Map<String, String> charts) {
        md.append(Computed.MARKDOWN);
        charts.putAll(Computed.CHARTS);
    }

    /** The section, computed on first use (class initialisation is lazy and thread-safe). */
    private static final class Computed {
        static final Map<String, String> CHARTS;
        static final String MARKDOWN;

        static {
            StringBuilder md = new StringBuilder();
            Map<String, String> charts = new LinkedHashMap<>();
            compute(md, charts);
            MARKDOWN = md.toString();
            CHARTS = java.util.Collections.unmodifiableMap(charts);
        }
    }

    /** Computes the section afresh (what {@link #append} appends, computed once). */
    static void compute(StringBuilder md, Map<String, String> charts) {
        md.append("## Gateways: how many clients fit behind a NAT gateway?\n\n");
        FleetScenario fleet = standardFleet(CLIENTS);
        md.append(String.format(Locale.ROOT, "The standard fleet: %d Linux clients at 1 request/s each (%s connects/s), one "
                + "destination, 10 s held, 90%% closed by FIN and 10%% by RST, %s s simulated on the "
                + "NAT allocators of `allocators/nat` (profiles and sources: `./portbench gateway --list`, docs/nat-and-gateways.md). "
                + "A dropped SYN is retransmitted on Linux's schedule; a connect fails after the last one.%n%n",
                CLIENTS, num(fleet.connectionsPerSecond()), num(fleet.durationSeconds())));
        GatewayProfile aws = GatewayProfiles.builtIn("aws-nat-gateway");
        GatewayResult r = new GatewaySimulator(aws, fleet).run();
        List<GatewayResult.WindowRow> s = r.series();
        double[] x = s.stream().mapToDouble(GatewayResult.WindowRow::endSeconds).toArray();
        charts.put("gateway-states.svg", Charts.lines("gws", "aws-nat-gateway, " + CLIENTS + " clients: mappings per state",
                "simulated time (s)", "mappings", List.of(
                        new Charts.Series("established", x, s.stream().mapToDouble(GatewayResult.WindowRow::established).toArray(), null),
                        new Charts.Series("transitory (FIN)", x, s.stream().mapToDouble(GatewayResult.WindowRow::transitory).toArray(), null),
                        new Charts.Series("RST cool-down", x, s.stream().mapToDouble(GatewayResult.WindowRow::rstCooldown).toArray(), null),
                        new Charts.Series("dropped SYNs per window", x, s.stream().mapToDouble(GatewayResult.WindowRow::droppedSyns).toArray(), null),
                        new Charts.Series("failed connects per window", x, s.stream().mapToDouble(GatewayResult.WindowRow::failedConnects).toArray(), null)),
                false, false));
        md.append(String.format(Locale.ROOT, "On `aws-nat-gateway` (1 address): %,d connects, %,d SYNs dropped, %,d connects failed "
                        + "(%s), first failed connect %s, binding limit %s; retransmissions added p99 %s s to connects.%n%n",
                r.connects(), r.droppedSyns(), r.failedConnects(), Format.percent(r.failedFraction()),
                r.firstFailureSeconds() < 0 ? "never" : "at " + num(r.firstFailureSeconds()) + " s", r.bindingLimit(),
                num(r.latency().p99Seconds())));
        md.append("![gateway mappings per state](charts/gateway-states.svg)\n\n");
        md.append("| destination | weight | connects | failed | most live | limit | headroom |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (GatewayResult.DestinationRow d : r.destinations()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %,d | %,d | %,d | %,d | %s |%n", d.destination(), num(d.weight()),
                    d.connects(), d.failed(), d.maxLive(), d.limit(), Format.percent(d.headroom())));
        }
        md.append("\n### Capacity per profile: `--find max-clients` on the standard fleet\n\n");
        md.append("| profile | allocator | max clients (no failed connect) | fails at | binding limit | runs |\n"
                + "|---|---|---:|---:|---|---:|\n");
        for (GatewayProfile p : GatewayProfiles.all()) {
            CapacitySearch.Answer a = new CapacitySearch(p, standardFleet(CLIENTS), GatewayNat.allocatorFor(p), 0)
                    .find(CapacitySearch.Target.MAX_CLIENTS);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", p.id(), GatewayNat.allocatorFor(p).id(),
                    num(a.load()), a.failing() < 0 ? "-" : num(a.failing()), a.bindingLimit(), a.runs()));
        }
        md.append("\n");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
