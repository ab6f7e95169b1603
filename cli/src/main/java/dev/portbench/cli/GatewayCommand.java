package dev.portbench.cli;

import dev.portbench.gateway.CapacitySearch;
import dev.portbench.gateway.CloseKindShare;
import dev.portbench.gateway.FleetArrival;
import dev.portbench.gateway.FleetScenario;
import dev.portbench.gateway.FleetScenarios;
import dev.portbench.gateway.GatewayNat;
import dev.portbench.gateway.GatewayProfile;
import dev.portbench.gateway.GatewayProfiles;
import dev.portbench.gateway.GatewayResult;
import dev.portbench.gateway.GatewaySimulator;
import dev.portbench.gateway.SynSchedule;
import dev.portbench.gateway.WhatIf;
import dev.portbench.io.AtomicFiles;
import dev.portbench.nat.NatCatalog;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.TraceImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./portbench gateway}: a fleet of clients behind a NAT gateway ({@link GatewaySimulator}
 * on a {@link GatewayProfile}); {@code --list} prints the profiles, {@code --find} searches the
 * capacity ({@link CapacitySearch}), {@code --what-if} re-simulates with one change ({@link WhatIf}).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A fleet of clients behind a NAT gateway: first failure, failed fraction per client and destination, "
                + "the limit behind each failure, dropped SYNs and the connect latency their retransmissions add, "
                + "ports per state over time, headroom. Example:",
            "  ./portbench gateway --profile aws-nat-gateway --clients 200 --rate 5 --hold 60 --duration 120",
            "  ./portbench gateway --list"})
final class GatewayCommand implements Callable<Integer> {

    /** The options that describe a scenario: refused beside --scenario FILE. */
    static final List<String> SCENARIO_OPTIONS = List.of("--clients", "--rate", "--duration", "--arrival", "--burst",
            "--daily", "--destinations", "--hot-share", "--weights", "--hold", "--exponential-hold", "--close",
            "--requests-per-connection", "--syn", "--seed", "--windows");

    @Spec
    private CommandSpec spec;

    @Option(names = "--list", description = "Print the built-in gateway profiles and their parameters' sources, then stop.")
    boolean list;

    @Option(names = "--profile", paramLabel = "ID|FILE", defaultValue = "aws-nat-gateway",
            description = "A built-in profile (see --list) or a profile JSON file. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--addresses", paramLabel = "N", description = "External addresses (default: the profile's).")
    Integer addresses;

    @Option(names = "--allocator", paramLabel = "ID", description = "NAT allocator (default: the one the profile's search names).")
    String allocator;

    @Option(names = "--scenario", paramLabel = "FILE", description = "A fleet scenario JSON file (instead of the options below).")
    Path scenarioFile;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Replay a capture or flow log (pcap, pcapng, Zeek, CSV, AWS / Azure / GCP flow logs) through the "
                    + "gateway instead: its clients apart, each connection as it opened, was held and ended.")
    Path traceFile;

    @Option(names = "--skip-bad", description = "With --trace: count and skip malformed records instead of refusing the file.")
    boolean skipBad;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "100", description = "Clients behind the gateway. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "10", description = "Requests per second per client. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60", description = "Simulated seconds. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--arrival", paramLabel = "KIND", defaultValue = "poisson",
            description = "fixed, poisson, bursts or daily. Default: ${DEFAULT-VALUE}.")
    String arrival;

    @Option(names = "--burst", paramLabel = "FACTOR:SECONDS:PERIOD", defaultValue = "1:0:60",
            description = "With --arrival bursts: FACTOR times the rate for SECONDS out of every PERIOD seconds.")
    String burst;

    @Option(names = "--daily", paramLabel = "AMPLITUDE:PERIOD", defaultValue = "0:86400",
            description = "With --arrival daily: rate x (1 + AMPLITUDE sin(2 pi t / PERIOD)).")
    String daily;

    @Option(names = "--destinations", paramLabel = "N", defaultValue = "1", description = "Destinations (port 443). Default: ${DEFAULT-VALUE}.")
    int destinations;

    @Option(names = "--hot-share", paramLabel = "F", description = "Share of connections to destination 0 (the rest even).")
    Double hotShare;

    @Option(names = "--weights", paramLabel = "W,W,...", split = ",", description = "One weight per destination (instead of --destinations).")
    List<Double> weights;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "1", description = "Holding time of one request. Default: ${DEFAULT-VALUE}.")
    double hold;

    @Option(names = "--exponential-hold", description = "Exponential holding times (default: fixed).")
    boolean exponentialHold;

    @Option(names = "--close", paramLabel = "fin=F,rst=R,idle=I", defaultValue = "fin=1",
            description = "How connections end. Default: ${DEFAULT-VALUE}.")
    String close;

    @Option(names = "--requests-per-connection", paramLabel = "K", defaultValue = "1",
            description = "Keep-alive: requests carried by one connection. Default: ${DEFAULT-VALUE}.")
    int requestsPerConnection;

    @Option(names = "--syn", paramLabel = "SCHEDULE", defaultValue = "linux",
            description = "Client SYN retransmissions: linux (6 retries, 127 s), linux-linear4, windows, none, or linux:R:L.")
    String syn;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of every random draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--windows", paramLabel = "N", defaultValue = "12", description = "Windows of the time series. Default: ${DEFAULT-VALUE}.")
    int windows;

    @Option(names = "--find", paramLabel = "max-clients|max-rate", description = "Search for the largest load without failures (within 1%).")
    String find;

    @Option(names = "--max-failed-fraction", paramLabel = "F", defaultValue = "0",
            description = "With --find: the failed fraction still accepted. Default: ${DEFAULT-VALUE}.")
    double maxFailedFraction;

    @Option(names = "--what-if", paramLabel = "CHANGE",
            description = "Re-simulate with one change: addresses=N, min-ports=N, dynamic=MIN:MAX, keep-alive=K, spread=N.")
    String whatIf;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON.")
    Path json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OptionRules.requires(spec.commandLine(), !list, "no --list (it prints the profiles and stops)",
                spec.options().stream().map(o -> o.longestName())
                        .filter(n -> !List.of("--list", "--help", "--version").contains(n)).toList());
        if (list) {
            listProfiles(out);
            return 0;
        }
        OptionRules.requires(spec.commandLine(), scenarioFile == null, "no --scenario (the file holds the scenario)",
                SCENARIO_OPTIONS);
        OptionRules.requires(spec.commandLine(), traceFile == null, "no --trace (the trace holds the connections)",
                SCENARIO_OPTIONS.stream().filter(o -> !List.of("--syn", "--windows", "--seed").contains(o)).toList());
        OptionRules.requires(spec.commandLine(), traceFile == null, "no --trace (a trace is one load, not a search)",
                List.of("--find", "--what-if", "--scenario"));
        OptionRules.requires(spec.commandLine(), traceFile != null, "--trace FILE", List.of("--skip-bad"));
        OptionRules.requires(spec.commandLine(), find != null, "--find", List.of("--max-failed-fraction"));
        OptionRules.requires(spec.commandLine(), find == null, "no --find (a capacity search prints no time series)",
                List.of("--windows"));
        GatewayProfile p = GatewayProfiles.byIdOrFile(profile);
        if (addresses != null) {
            p = p.withAddresses(addresses, "--addresses");
        }
        NatCatalog kind = allocator != null ? NatCatalog.byId(allocator) : GatewayNat.allocatorFor(p);
        if (traceFile != null) {
            SynSchedule.byId(syn);
            ConnectionTrace t = TraceImport.DEFAULTS.withSkipBad(skipBad).read(traceFile);
            GatewayResult r = GatewaySimulator.replaying(p, t, syn, windows, kind, seed).run();
            out.printf(Locale.ROOT, "trace %s: %s%n", traceFile, t.stats().summary());
            out.print(summary(r));
            write(r);
            out.flush();
            return 0;
        }
        FleetScenario s = scenarioFile != null ? FleetScenarios.read(scenarioFile) : scenario();
        if (whatIf != null) {
            WhatIf change = WhatIf.parse(whatIf, p, s);
            compare(out, p, s, change, kind);
        } else if (find != null) {
            CapacitySearch.Answer a = new CapacitySearch(p, s, kind, maxFailedFraction).find(target());
            printFind(out, a);
            write(a);
        } else {
            GatewayResult r = new GatewaySimulator(p, s, kind, Long.MAX_VALUE).run();
            out.print(summary(r));
            write(r);
        }
        out.flush();
        return 0;
    }

    private void write(Object result) {
        if (json != null) {
            AtomicFiles.writeJson(json, result);
            spec.commandLine().getOut().println("wrote " + json);
        }
    }

    private CapacitySearch.Target target() {
        return switch (find) {
            case "max-clients" -> CapacitySearch.Target.MAX_CLIENTS;
            case "max-rate" -> CapacitySearch.Target.MAX_RATE;
            default -> throw new IllegalArgumentException("--find: '" + find + "' (expected max-clients or max-rate)");
        };
    }

    FleetScenario scenario() {
        FleetArrival kind;
        try {
            kind = FleetArrival.valueOf(arrival.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--arrival: '" + arrival + "' (expected fixed, poisson, bursts or daily)", e);
        }
        double[] b = numbers("--burst", burst, 3);
        double[] d = numbers("--daily", daily, 2);
        OptionRules.requires(spec.commandLine(), kind == FleetArrival.BURSTS, "--arrival bursts", List.of("--burst"));
        OptionRules.requires(spec.commandLine(), kind == FleetArrival.DAILY, "--arrival daily", List.of("--daily"));
        OptionRules.requires(spec.commandLine(), weights == null, "no --weights", List.of("--destinations", "--hot-share"));
        OptionRules.requires(spec.commandLine(), destinations > 1, "--destinations N above 1 (one destination takes every "
                + "connection)", List.of("--hot-share"));
        List<Double> w = weights != null ? weights
                : hotShare != null ? FleetScenario.hotDestination(destinations, hotShare)
                : FleetScenario.hotDestination(destinations, 1.0 / Math.max(1, destinations));
        SynSchedule.byId(syn);
        return new FleetScenario(clients, duration, kind, rate, b[0], b[1], b[2], d[0], d[1], w, hold, exponentialHold,
                CloseKindShare.parse(close), requestsPerConnection, syn, seed, windows);
    }

    private static double[] numbers(String option, String text, int n) {
        String[] parts = text.split(":");
        if (parts.length != n) {
            throw new IllegalArgumentException(option + ": '" + text + "' (expected " + n + " numbers separated by ':')");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + text + "' (expected numbers separated by ':')", e);
            }
        }
        return v;
    }

    private static void listProfiles(PrintWriter out) {
        for (GatewayProfile p : GatewayProfiles.all()) {
            out.printf(Locale.ROOT, "%-22s %s%n", p.id(), p.summary());
            out.printf(Locale.ROOT, "%-22s   %d address(es) (max %d), ports %d-%d, %s, per destination %s, hosts %s"
                    + " (%s pooling), search %s, idle %s s, FIN %s s, RST %s s (allocator %s)%n", "", p.addressCount(),
                    (int) p.maxAddresses().value(),
                    p.ports().low(), p.ports().high(), p.mapping().value(),
                    p.perDestinationLimit().value() == 0 ? "no limit" : fmt(p.perDestinationLimit().value()),
                    p.hostAllocation().value(), p.poolingKind().name().toLowerCase(Locale.ROOT), p.search().value(),
                    fmt(p.idleSeconds().value()), fmt(p.finSeconds().value()),
                    fmt(p.rstSeconds().value()), GatewayNat.allocatorFor(p).id());
            out.printf(Locale.ROOT, "%-22s   sources: %s%n", "", p.perDestinationLimit().source());
        }
    }

    private void compare(PrintWriter out, GatewayProfile p, FleetScenario s, WhatIf change, NatCatalog kind) {
        NatCatalog changedKind = allocator != null ? kind : GatewayNat.allocatorFor(change.profile());
        if (find != null) {
            CapacitySearch.Answer before = new CapacitySearch(p, s, kind, maxFailedFraction).find(target());
            CapacitySearch.Answer after = new CapacitySearch(change.profile(), change.scenario(), changedKind, maxFailedFraction)
                    .find(target());
            out.printf(Locale.ROOT, "what-if %s: %s %s -> %s (x%s), binding limit %s -> %s%n", change.text(), find,
                    fmt(before.load()), fmt(after.load()), before.load() == 0 ? "inf" : fmt(after.load() / before.load()),
                    before.bindingLimit(), after.bindingLimit());
            write(List.of(before, after));
            return;
        }
        GatewayResult before = new GatewaySimulator(p, s, kind, Long.MAX_VALUE).run();
        GatewayResult after = new GatewaySimulator(change.profile(), change.scenario(), changedKind, Long.MAX_VALUE).run();
        out.printf(Locale.ROOT, "what-if %s:%n", change.text());
        out.printf(Locale.ROOT, "  failed fraction  %s -> %s (failed connects %d -> %d, gain %d)%n", pct(before.failedFraction()),
                pct(after.failedFraction()), before.failedConnects(), after.failedConnects(),
                before.failedConnects() - after.failedConnects());
        out.printf(Locale.ROOT, "  dropped SYNs     %d -> %d; p99 added latency %s s -> %s s%n", before.droppedSyns(),
                after.droppedSyns(), fmt(before.latency().p99Seconds()), fmt(after.latency().p99Seconds()));
        out.printf(Locale.ROOT, "  binding limit    %s -> %s%n", before.bindingLimit(), after.bindingLimit());
        write(List.of(before, after));
    }

    private static void printFind(PrintWriter out, CapacitySearch.Answer a) {
        String what = a.target() == CapacitySearch.Target.MAX_CLIENTS ? "max clients" : "max rate per client (requests/s)";
        if (a.failing() < 0) {
            out.printf(Locale.ROOT, "%s: at least %s (nothing failed up to the search bound; %d runs)%n", what, fmt(a.load()),
                    a.runs());
        } else {
            out.printf(Locale.ROOT, "%s: %s (fails at %s, within 1%%; binding limit %s; %d runs)%n", what, fmt(a.load()),
                    fmt(a.failing()), a.bindingLimit(), a.runs());
        }
    }

    /** What a user reads. */
    static String summary(GatewayResult r) {
        FleetScenario s = r.scenario();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "gateway %s (allocator %s): %d clients, %s connects/s (%s arrivals), %d destination(s),"
                        + " %s s held, for %s s%n", r.profile(), r.allocator(), s.clients(), fmt(s.connectionsPerSecond()),
                s.arrival().name().toLowerCase(Locale.ROOT), s.destinationWeights().size(), fmt(s.connectionHoldSeconds()),
                fmt(s.durationSeconds())));
        b.append(String.format(Locale.ROOT, "  connects %d, established %d, failed after every retransmission %d (%s)%n",
                r.connects(), r.established(), r.failedConnects(), pct(r.failedFraction())));
        b.append(String.format(Locale.ROOT, "  first failed connect: %s; first dropped SYN: %s%n", at(r.firstFailureSeconds()),
                at(r.firstDropSeconds())));
        b.append(String.format(Locale.ROOT, "  dropped SYNs %d; added connect latency p50 %s s, p99 %s s, p99.9 %s s, max %s s"
                        + " (%d connects delayed)%n", r.droppedSyns(), fmt(r.latency().p50Seconds()), fmt(r.latency().p99Seconds()),
                fmt(r.latency().p999Seconds()), fmt(r.latency().maxSeconds()), r.latency().delayedConnects()));
        b.append(String.format(Locale.ROOT, "  binding limit: %s; failed by limit %s; dropped by limit %s%n", r.bindingLimit(),
                r.failuresByLimit(), r.dropsByLimit()));
        GatewayResult.ClientRow worst = r.worstClients().get(0);
        b.append(String.format(Locale.ROOT, "  clients: %d with failures; worst client %d failed %s; least client headroom %s%n",
                r.clientsWithFailures(), worst.client(), pct(worst.failedFraction()), pct(r.minClientHeadroom())));
        b.append("  destinations (least headroom first): destination, weight, connects, failed, most live / limit, headroom\n");
        r.destinations().stream().sorted(Comparator.comparingDouble(GatewayResult.DestinationRow::headroom)
                        .thenComparingInt(GatewayResult.DestinationRow::destination)).limit(5)
                .forEach(d -> b.append(String.format(Locale.ROOT, "    %5d %8s %10d %8d %8d / %-8d %s%n", d.destination(),
                        fmt(d.weight()), d.connects(), d.failed(), d.maxLive(), d.limit(), pct(d.headroom()))));
        b.append("  mappings per state at each window's end (established / transitory / rst-cooldown), dropped SYNs, failed:\n");
        for (GatewayResult.WindowRow w : r.series()) {
            b.append(String.format(Locale.ROOT, "    %8s s  %8d / %8d / %8d   %8d %8d%n", fmt(w.endSeconds()), w.established(),
                    w.transitory(), w.rstCooldown(), w.droppedSyns(), w.failedConnects()));
        }
        return b.toString();
    }

    private static String at(double seconds) {
        return seconds < 0 ? "none" : "at " + fmt(seconds) + " s";
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.3f%%", 100 * f);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
