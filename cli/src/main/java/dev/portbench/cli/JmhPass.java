package dev.portbench.cli;

import dev.portbench.jmh.BulkExpiryBenchmark;
import dev.portbench.jmh.CostBreakdownBenchmark;
import dev.portbench.jmh.InvocationFloorBenchmark;
import dev.portbench.jmh.JmhParams;
import dev.portbench.jmh.nat.NatChurnBenchmark;
import dev.portbench.jmh.nat.NatFloorBenchmark;
import dev.portbench.nat.NatCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JMH pass that needs settings of its own, run by {@code ./portbench run} after the main
 * pass and merged into the same {@code jmh.json}:
 *
 * <ul>
 *   <li>{@code bulk-expiry}: {@link BulkExpiryBenchmark}, single-shot, so many short iterations
 *       and more forks than the main pass (its worst call varies with the JIT state of the fork);</li>
 *   <li>{@code cost-breakdown}: {@link CostBreakdownBenchmark} on the fixed-rate / Poisson pair
 *       of workloads (those of the chosen ones), with {@link InvocationFloorBenchmark}, at the
 *       main pass's iterations and the profile's breakdown forks (full only: the quick profile
 *       skips it to stay within ten minutes);</li>
 *   <li>{@code nat} (and in quick {@code nat-1m}): {@link NatChurnBenchmark} and the NAT floor
 *       {@link NatFloorBenchmark} at the main pass's settings ({@link #natPasses}).</li>
 * </ul>
 *
 * @param name the pass's name, also the stem of its result file
 * @param include JMH's include regex
 * @param params parameter name to values
 * @param forks forks per benchmark
 * @param warmupIterations warm-up iterations per fork
 * @param warmupMillis warm-up iteration length (ignored by single-shot benchmarks)
 * @param measurementIterations measured iterations per fork
 * @param measurementMillis measured iteration length (ignored by single-shot benchmarks)
 * @param benchmarks benchmark/parameter combinations, for the progress line
 * @param estimateSeconds expected wall time
 */
record JmhPass(String name, String include, Map<String, List<String>> params, int forks, int warmupIterations,
               int warmupMillis, int measurementIterations, int measurementMillis, int benchmarks,
               double estimateSeconds) {

    /** The workloads whose winners differ: fixed rate and Poisson at the same range and load. */
    static final List<String> BREAKDOWN_WORKLOADS = List.of("q170791-rho0.99", "scale-3976");

    /**
     * Seconds one single-shot fork of the bulk-expiry benchmark takes beside its shots (the JVM's
     * start and the state's setup), and seconds per shot: together 0.75 s for the quick profile's
     * 15 shots, as measured on the 2-core machine (the quick runs 20261207-205109, -205829 and
     * -210540: 52 forks in 37 to 40 s), and 1.05 s for the full profile's 30 (measured 1.83 s in the
     * full run 20261207-182548, while the whole machine ran about 2x slower than in those quick runs).
     */
    static final double BULK_FORK_START_SECONDS = 0.45;
    static final double BULK_SHOT_SECONDS = 0.02;

    /** Estimated seconds of one fork of {@code profile}'s bulk-expiry pass. */
    static double bulkForkSeconds(Profile profile) {
        return BULK_FORK_START_SECONDS + (profile.bulkWarmupIterations + profile.bulkMeasurementIterations) * BULK_SHOT_SECONDS;
    }

    /**
     * Seconds a NAT benchmark fork spends building its state per external address (64,512 pairs
     * filled, then one whole churn cycle): about 0.16 s per address on the 2-core machine (measured:
     * exact, netfilter, cilium and the floor at 1 and 16 addresses, fill 0.99, one fork each of
     * 1 x 250 ms warm-up and 2 x 250 ms: 22 s for the 8 forks).
     */
    static final double NAT_SETUP_SECONDS_PER_ADDRESS = 0.16;

    /** Forks of the full profile's NAT pass: 3, the fewest that keep the full run within its budget with every NAT allocator. */
    static final int FULL_NAT_FORKS = 3;

    /** The passes after the main one for {@code profile} over the chosen allocators and workloads. */
    static List<JmhPass> after(Profile profile, List<String> allocators, List<String> workloads) {
        List<JmhPass> passes = new ArrayList<>();
        Map<String, List<String>> bulk = new LinkedHashMap<>();
        bulk.put(JmhParams.ALLOCATOR, JmhParams.allocators(allocators));
        int bulkCount = allocators.size() * 2;
        passes.add(new JmhPass("bulk-expiry", regex(BulkExpiryBenchmark.class, "expireAll"), bulk, profile.bulkForks,
                profile.bulkWarmupIterations, 0, profile.bulkMeasurementIterations, 0, bulkCount,
                bulkCount * profile.bulkForks * bulkForkSeconds(profile)));
        List<String> breakdownWorkloads = BREAKDOWN_WORKLOADS.stream().filter(workloads::contains).toList();
        if (!breakdownWorkloads.isEmpty() && profile.breakdownForks > 0) {
            Map<String, List<String>> p = new LinkedHashMap<>();
            p.put(JmhParams.ALLOCATOR, JmhParams.allocators(allocators));
            p.put("workload", breakdownWorkloads);
            int count = allocators.size() * breakdownWorkloads.size() * 3 + 1;
            passes.add(new JmhPass("cost-breakdown", "^(" + Pattern.quote(CostBreakdownBenchmark.class.getName() + ".call")
                    + "|" + Pattern.quote(InvocationFloorBenchmark.class.getName() + ".call") + ")$", p, profile.breakdownForks,
                    profile.warmupIterations, profile.warmupMillis, profile.measurementIterations,
                    profile.measurementMillis, count, profile.estimateSeconds(count, profile.breakdownForks)));
        }
        passes.addAll(natPasses(profile));
        return passes;
    }

    /**
     * The NAT passes of {@code profile}, each NAT allocators x addresses x fills with the floor per
     * addresses x fill: smoke one point (exact at 64,512 pairs, fill 0.5); quick exact and netfilter
     * at 64,512 pairs and exact alone at 1,032,192, fill 0.99 (more policies would cost the quick run
     * more than its budget has: cilium and vpp are in the report's false-exhaustion study and in full); full every NAT allocator at
     * 64,512, 258,048 and 1,032,192 pairs and fills 0.5 and 0.99, {@link #FULL_NAT_FORKS} forks (about
     * 7 minutes, within the full run's hour and a quarter).
     */
    static List<JmhPass> natPasses(Profile profile) {
        List<String> all = Arrays.stream(NatCatalog.values()).map(Enum::name).toList();
        String exact = NatCatalog.EXACT.name();
        return switch (profile) {
            case SMOKE -> List.of(natPass("nat", profile, profile.forks, List.of(exact), List.of("1"), List.of("0.5")));
            case QUICK -> List.of(
                    natPass("nat", profile, profile.forks, List.of(exact, NatCatalog.NETFILTER.name()),
                            List.of("1"), List.of("0.99")),
                    natPass("nat-1m", profile, profile.forks, List.of(exact), List.of("16"), List.of("0.99")));
            case FULL -> List.of(natPass("nat", profile, FULL_NAT_FORKS, all, List.of("1", "4", "16"), List.of("0.5", "0.99")));
        };
    }

    private static JmhPass natPass(String name, Profile profile, int forks, List<String> nats, List<String> addresses,
                                   List<String> fills) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("nat", nats);
        p.put("addresses", addresses);
        p.put("fill", fills);
        int perSize = (nats.size() + 1) * fills.size();
        int count = perSize * addresses.size();
        double setup = 0;
        for (String a : addresses) {
            setup += perSize * forks * Integer.parseInt(a) * NAT_SETUP_SECONDS_PER_ADDRESS;
        }
        return new JmhPass(name, "^(" + Pattern.quote(NatChurnBenchmark.class.getName() + ".churn") + "|"
                + Pattern.quote(NatFloorBenchmark.class.getName() + ".churn") + ")$", p, forks,
                profile.warmupIterations, profile.warmupMillis, profile.measurementIterations, profile.measurementMillis,
                count, profile.estimateSeconds(count, forks) + setup);
    }

    private static String regex(Class<?> benchmark, String method) {
        return "^" + Pattern.quote(benchmark.getName() + "." + method) + "$";
    }

    /** The result file of this pass inside {@code runDir}, merged into jmh.json and then deleted. */
    Path resultFile(Path runDir) {
        return runDir.resolve("jmh-" + name + ".json");
    }

    /**
     * JMH's command-line arguments for this pass, its result file in {@code runDir}, followed by
     * {@code jvmArguments} (the {@code -jvm} and {@code -jvmArgsAppend} options all passes share).
     */
    List<String> arguments(Path runDir, List<String> jvmArguments) {
        List<String> a = new ArrayList<>();
        a.add(include);
        params.forEach((k, v) -> a.addAll(List.of("-p", k + "=" + String.join(",", v))));
        a.addAll(List.of("-f", String.valueOf(forks), "-wi", String.valueOf(warmupIterations)));
        if (warmupMillis > 0) {
            a.addAll(List.of("-w", warmupMillis + "ms"));
        }
        a.addAll(List.of("-i", String.valueOf(measurementIterations)));
        if (measurementMillis > 0) {
            a.addAll(List.of("-r", measurementMillis + "ms"));
        }
        a.addAll(List.of("-foe", "true", "-rf", "json", "-rff", resultFile(runDir).toString()));
        a.addAll(jvmArguments);
        return List.copyOf(a);
    }
}
