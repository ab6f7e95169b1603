package dev.portbench.calibration;

import dev.portbench.gateway.GatewayNat;
import dev.portbench.gateway.GatewayProfile;
import dev.portbench.gateway.GatewayProfiles;
import dev.portbench.gateway.GatewayResult;
import dev.portbench.gateway.GatewaySimulator;
import dev.portbench.io.AtomicFiles;
import dev.portbench.nat.NatCatalog;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ConnectionTraceBuilder;
import dev.portbench.trace.ImportStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scores the {@code linux-masquerade} gateway profile against what a client saw through a real
 * netfilter NAT ({@link MasqueradeRunner}): each scenario's attempts, at the instants the client
 * made them, to the destinations it chose, held and closed as it held and closed them, are
 * replayed through {@link GatewaySimulator#replaying} on the profile with the namespace's NAT range
 * and conntrack timeouts (TIME_WAIT and CLOSE as read back there) and the client's SYN schedule,
 * once on the allocator the profile names and once on each other netfilter model, and every figure
 * of {@link MasqueradeMetrics} is set beside the kernel's. Pure: the same folder gives the same
 * files, byte for byte.
 */
public final class MasqueradeAnalysis {

    /** The profile this check is about. */
    public static final String PROFILE = "linux-masquerade";
    static final String SUMMARY = "gateway-summary.json";
    static final String REPORT = "GATEWAY-CALIBRATION.md";
    private static final String CLIENT = MasqueradeChild.CLIENT_ADDRESS;
    private static final double HELD_SPARE_SECONDS = 10;
    /** Seeds of each model's random choices per scenario: the kernel is one draw, the models give a range. */
    public static final int SEEDS = 20;

    private MasqueradeAnalysis() {
    }

    /** The models every scenario is replayed on: the profile's allocator first. */
    static List<NatCatalog> models(GatewayProfile profile) {
        List<NatCatalog> m = new ArrayList<>(List.of(GatewayNat.allocatorFor(profile)));
        for (NatCatalog k : List.of(NatCatalog.NETFILTER, NatCatalog.NETFILTER_EVICTING)) {
            if (!m.contains(k)) {
                m.add(k);
            }
        }
        return m;
    }

    /** Writes {@value #SUMMARY} and {@value #REPORT} of the calibration folder {@code dir}; the report's path. */
    public static Path analyse(Path dir) {
        GatewayProfile profile = GatewayProfiles.byIdOrFile(PROFILE);
        List<MasqueradeComparison> rows = new ArrayList<>();
        String kernel = "unknown";
        for (Path sdir : scenarioFolders(dir)) {
            MasqueradeKernelRun nat = CalibrationJson.read(sdir.resolve("nat-run.json"), MasqueradeKernelRun.class);
            MasqueradeClientRun client = CalibrationJson.read(sdir.resolve("client-run.json"), MasqueradeClientRun.class);
            List<MasqueradeAttempts.Row> attempts = MasqueradeAttempts.read(sdir.resolve("attempts.csv.gz"));
            kernel = nat.kernelRelease();
            rows.add(compare(profile, nat, client, attempts));
        }
        Map<String, Long> matched = new LinkedHashMap<>();
        for (NatCatalog k : models(profile)) {
            matched.put(k.id(), rows.stream().filter(r -> r.misses().get(k.id()).isEmpty()).count());
        }
        MasqueradeSummary summary = new MasqueradeSummary(PROFILE, GatewayNat.allocatorFor(profile).id(), kernel, rows, matched);
        CalibrationJson.write(dir.resolve(SUMMARY), summary);
        Path md = dir.resolve(REPORT);
        AtomicFiles.write(md, render(summary, dir.toAbsolutePath().normalize().getFileName().toString()));
        return md;
    }

    static List<Path> scenarioFolders(Path dir) {
        Path scenarios = dir.resolve("scenarios");
        if (!Files.isDirectory(scenarios)) {
            throw new IllegalArgumentException(dir + ": no scenarios/ folder (expected a calibrate --gateway folder)");
        }
        List<Path> order = new ArrayList<>();
        for (MasqueradeScenario s : MasqueradeSuite.scenarios()) {
            order.add(scenarios.resolve(s.id()));
        }
        order.add(scenarios.resolve(MasqueradeSuite.quick().id()));
        List<Path> out = new ArrayList<>();
        try (Stream<Path> listed = Files.list(scenarios)) {
            List<Path> all = listed.filter(p -> Files.isRegularFile(p.resolve("nat-run.json"))).sorted().toList();
            for (Path p : order) {
                if (all.contains(p)) {
                    out.add(p);
                }
            }
            for (Path p : all) {
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + scenarios + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The namespace's value of a sysctl, as recorded; {@code fallback} when it was not. */
    private static double sysctl(List<SysctlSetting> sysctls, String name, double fallback) {
        return sysctls.stream().filter(x -> x.name().equals(name)).map(x -> Double.parseDouble(x.readBack().trim()))
                .findFirst().orElse(fallback);
    }

    static MasqueradeComparison compare(GatewayProfile base, MasqueradeKernelRun nat, MasqueradeClientRun client,
                                        List<MasqueradeAttempts.Row> attempts) {
        MasqueradeScenario s = nat.scenario();
        double timeWait = sysctl(nat.sysctls(), "net.netfilter.nf_conntrack_tcp_timeout_time_wait", base.finSeconds().value());
        double close = sysctl(nat.sysctls(), "net.netfilter.nf_conntrack_tcp_timeout_close", base.rstSeconds().value());
        GatewayProfile profile = base.withPortsAndTimers(s.rangeLow(), s.rangeHigh(), timeWait, close,
                "this calibration's NAT namespace: nft masquerade to :" + s.rangeLow() + "-" + s.rangeHigh()
                        + ", conntrack time_wait " + fmt(timeWait) + " s, close " + fmt(close) + " s as read back there");
        ConnectionTrace trace = trace(s, attempts);
        Map<String, MasqueradeComparison.ModelRange> models = new LinkedHashMap<>();
        Map<String, List<String>> misses = new LinkedHashMap<>();
        MasqueradeMetrics kernel = kernel(attempts, nat.conntrack().getOrDefault("insert_failed", 0L));
        for (NatCatalog k : models(base)) {
            MasqueradeMetrics low = null;
            MasqueradeMetrics high = null;
            for (int seed = 1; seed <= SEEDS; seed++) {
                GatewayResult r = GatewaySimulator.replaying(profile, trace, s.synSchedule(), 1, k, seed).run();
                MasqueradeMetrics m = new MasqueradeMetrics(r.connects(), r.established(), r.failedConnects(), 0,
                        r.latency().delayedConnects(), r.droppedSyns(), r.latency().p50Seconds(), r.latency().p99Seconds(),
                        r.latency().maxSeconds());
                low = low == null ? m : MasqueradeMetrics.bound(low, m, false);
                high = high == null ? m : MasqueradeMetrics.bound(high, m, true);
            }
            models.put(k.id(), new MasqueradeComparison.ModelRange(low, high));
            misses.put(k.id(), kernel.misses(low, high));
        }
        return new MasqueradeComparison(s, kernel, client.tcpCounters().getOrDefault("TcpExt.TCPSynRetrans", 0L), models,
                misses);
    }

    /** The client's attempts as a trace: its start instants, destinations, holding times and ends. */
    static ConnectionTrace trace(MasqueradeScenario s, List<MasqueradeAttempts.Row> attempts) {
        List<MasqueradeScenario.Attempt> plan = s.plan();
        long last = 0;
        for (MasqueradeAttempts.Row r : attempts) {
            last = Math.max(last, r.startNanos());
        }
        long heldUntil = last + (long) ((s.giveUpSeconds() + HELD_SPARE_SECONDS) * 1e9);
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        for (MasqueradeAttempts.Row r : attempts) {
            if (r.startNanos() < 0) {
                continue;
            }
            MasqueradeScenario.Attempt a = plan.get(r.index());
            String destination = MasqueradeChild.destinationAddress(r.destination()) + ":" + MasqueradeScenario.SERVER_PORT;
            if (a.held()) {
                b.add(r.startNanos(), heldUntil, CLIENT, destination, ConnectionTrace.NO_PORT, ConnectionEnd.UNFINISHED);
            } else {
                b.add(r.startNanos(), r.startNanos() + a.holdNanos(), CLIENT, destination, ConnectionTrace.NO_PORT,
                        a.reset() ? ConnectionEnd.RESET : ConnectionEnd.CLIENT_CLOSE);
            }
        }
        return b.build("calibrate --gateway " + s.id(), new ImportStats("calibration", attempts.size(), b.size(), 0, 0, 0, 0));
    }

    static MasqueradeMetrics kernel(List<MasqueradeAttempts.Row> attempts, long droppedSyns) {
        long ok = 0;
        long failed = 0;
        long other = 0;
        long delayed = 0;
        List<Long> latencies = new ArrayList<>();
        for (MasqueradeAttempts.Row r : attempts) {
            if (r.ok()) {
                ok++;
                latencies.add(r.latencyNanos());
                if (r.latencyNanos() >= MasqueradeMetrics.DELAYED_SECONDS * 1e9) {
                    delayed++;
                }
            } else if (r.outcome().equals("ETIMEDOUT")) {
                failed++;
            } else {
                other++;
            }
        }
        latencies.sort(null);
        return new MasqueradeMetrics(attempts.size(), ok, failed, other, delayed, droppedSyns, pct(latencies, 0.5),
                pct(latencies, 0.99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e9);
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e9;
    }

    static String render(MasqueradeSummary s, String folder) {
        StringBuilder md = new StringBuilder();
        md.append("# Does the linux-masquerade profile match a real netfilter NAT?\n\n");
        md.append(String.format(Locale.ROOT, "Calibration `%s`, kernel %s, written by `./portbench calibrate --gateway %s`. "
                + "A client namespace connects through a NAT namespace (nftables `masquerade to :LOW-HIGH`) to a server "
                + "namespace; each scenario's attempts are replayed through the gateway simulator on the `%s` profile with "
                + "that range and the namespace's conntrack timeouts, with %d seeds of each model's random choices (a "
                + "range low - high where they differ). The profile names the `%s` allocator.%n%n",
                folder, s.kernel(), s.profile(), s.profile(), SEEDS, s.profileAllocator()));
        md.append("Scenarios matched in every figure: ");
        List<String> parts = new ArrayList<>();
        s.matched().forEach((k, v) -> parts.add("`" + k + "` " + v + " of " + s.scenarios().size()));
        md.append(String.join(", ", parts)).append(String.format(Locale.ROOT, ". A figure matches when the kernel's lies in the "
                + "models' range widened by a tolerance: connect counts by %.0f%% of the connects (or 1), dropped SYNs by "
                + "%.0f%% (or 2), p99 latency by %.2f s.%n%n",
                MasqueradeMetrics.COUNT_TOLERANCE * 100, MasqueradeMetrics.DROP_TOLERANCE * 100,
                MasqueradeMetrics.LATENCY_TOLERANCE_SECONDS));
        for (MasqueradeComparison c : s.scenarios()) {
            MasqueradeScenario sc = c.scenario();
            md.append("## ").append(sc.id()).append("\n\n").append(sc.description()).append(String.format(Locale.ROOT,
                    " (ports %d-%d, SYN schedule %s: a failing connect ends after %s s; client SYN retransmissions %d).%n%n",
                    sc.rangeLow(), sc.rangeHigh(), sc.synSchedule(), fmt(sc.giveUpSeconds()), c.synRetransmissions()));
            md.append("| | kernel");
            c.models().keySet().forEach(k -> md.append(" | model `").append(k).append('`'));
            md.append(" |\n|---|---:");
            c.models().keySet().forEach(k -> md.append("|---:"));
            md.append("|\n");
            row(md, "connects", c, m -> Long.toString(m.connects()));
            row(md, "established", c, m -> Long.toString(m.established()));
            row(md, "failed (ETIMEDOUT)", c, m -> Long.toString(m.failed()));
            row(md, "other errors", c, m -> Long.toString(m.otherErrors()));
            row(md, "delayed (>= 0.5 s)", c, m -> Long.toString(m.delayed()));
            row(md, "dropped SYNs", c, m -> Long.toString(m.droppedSyns()));
            row(md, "latency p50 (s)", c, m -> fmt(m.latencyP50Seconds()));
            row(md, "latency p99 (s)", c, m -> fmt(m.latencyP99Seconds()));
            row(md, "latency max (s)", c, m -> fmt(m.latencyMaxSeconds()));
            md.append("| misses |");
            c.models().keySet().forEach(k -> {
                List<String> miss = c.misses().get(k);
                md.append(" | ").append(miss.isEmpty() ? "none: matches" : String.join(", ", miss));
            });
            md.append(" |\n\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, MasqueradeComparison c,
                            java.util.function.Function<MasqueradeMetrics, String> f) {
        md.append("| ").append(name).append(" | ").append(f.apply(c.kernel()));
        c.models().values().forEach(m -> {
            String low = f.apply(m.low());
            String high = f.apply(m.high());
            md.append(" | ").append(low.equals(high) ? low : low + " - " + high);
        });
        md.append(" |\n");
    }

    /** The gateway checks under {@code results/calibration}, newest first, for the results index; nothing if none. */
    static void appendIndex(StringBuilder md, Path results) {
        Path dir = results.resolve("calibration");
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> Files.isRegularFile(p.resolve(SUMMARY))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            return;
        }
        md.append("\n## Gateway checks\n\nWritten by `./portbench calibrate --gateway " + PROFILE
                + "` (a real netfilter NAT against the gateway profile):\n\n");
        for (int i = all.size() - 1; i >= 0; i--) {
            String name = all.get(i).getFileName().toString();
            try {
                MasqueradeSummary s = CalibrationJson.read(all.get(i).resolve(SUMMARY), MasqueradeSummary.class);
                List<String> parts = new ArrayList<>();
                s.matched().forEach((k, v) -> parts.add("`" + k + "` " + v + " of " + s.scenarios().size()));
                md.append("- [").append(name).append("](calibration/").append(name).append('/').append(REPORT)
                        .append("): kernel ").append(s.kernel()).append(", profile model `").append(s.profileAllocator())
                        .append("`; scenarios matched: ").append(String.join(", ", parts)).append("\n");
            } catch (IllegalArgumentException e) {
                md.append("- ").append(name).append(": unreadable: ").append(e.getMessage()).append("\n");
            }
        }
    }

    private static String fmt(double v) {
        String t = String.format(Locale.ROOT, "%.3f", v);
        return t.contains(".") ? t.replaceAll("0+$", "").replaceAll("\\.$", "") : t;
    }
}
