package dev.portbench.natstudy;

import dev.portbench.nat.CloseKind;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatFailure;
import dev.portbench.nat.NatPairs;
import dev.portbench.nat.TimerState;
import org.apache.commons.statistics.distribution.BetaDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How often each NAT search policy of {@link NatCatalog} refuses a new mapping while a usable pair
 * exists (false exhaustion, {@link NatFailure#SEARCH_GAVE_UP}), against the share of the pairs in
 * use, on the real allocators through their public API. Two kinds of fill ({@link FillKind}):
 *
 * <ul>
 *   <li>{@link FillKind#UNIFORM}: every pair taken, then a uniformly random subset freed, the same
 *       share in each quarter of the range (a VPP worker's slice with 4 workers), all mappings open;
 *       each trial maps one new flow and, if it got a pair, ends it at once, so every trial meets
 *       the same fill. k independent uniform probes give up with probability f<sup>k</sup> here
 *       (Cilium k = 32, VPP k = 10 in its slice); netfilter's runs of neighbours (k = 248) do not.
 *       With no closing mapping, netfilter 6.5+ has nothing to evict and behaves as netfilter.</li>
 *   <li>{@link FillKind#STEADY_STATE}: the fill the policy leaves behind itself. From empty, the
 *       policy maps flows; each step one new flow maps (retried with other flows at the same instant
 *       until one gets a pair, each try counted) and the oldest open flow closes with a FIN; the
 *       transitory timer is set so that a tenth of the pairs in use wait in it, and they are freed
 *       on their deadlines inside later calls. After two cycles of the pairs (warm-up), the rate is
 *       measured over the next steps.</li>
 * </ul>
 *
 * <p>Pool: one address, {@link #portCount()} ports from 1024, endpoint-independent mapping (a
 * usable pair is a wholly free one), VPP with {@link #VPP_WORKERS} workers. Each rate comes with
 * its Clopper-Pearson interval at {@link #CONFIDENCE} (commons-statistics' Beta distribution), and
 * beside it f<sup>k</sup> at the measured fill. The exhaustive policies ({@link NatCatalog#isExact()})
 * are measured too: their rate must be 0.
 *
 * <p>Deterministic: the same arguments give the same points (every random choice comes from the
 * seed; the allocators are seeded by their config). Cost: per policy and fill about
 * {@code 2 x ports + steadySteps} steady-state steps and {@code trials} uniform trials, each a map
 * (a bounded search: at most 248 probes) and a close; about 2 s for every policy at 64,512 ports,
 * 8 fills and 10,000 trials on the project's 2-core machine. Not thread-safe; create one per use.
 */
public final class FalseExhaustionStudy {

    /** The confidence of each rate's interval: the suite's 99% ({@code Confidence.RANKING}). */
    public static final double CONFIDENCE = 0.99;
    /** Workers VPP splits the range among (the uniform fill frees the same share in each slice). */
    public static final int VPP_WORKERS = 4;
    /** The share of the pairs in use held by the transitory timer in the steady state. */
    public static final double CLOSING_SHARE = 0.1;
    /** The fills the report draws. */
    public static final List<Double> REPORT_FILLS = List.of(0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99);
    /** Tries at one instant before a steady-state step gives up on mapping (a VPP worker's slice dry for every host tried). */
    static final int MAX_TRIES_PER_STEP = 10_000;

    private static final int FIRST_PORT = 1024;
    private static final int HOSTS = 4096;
    private static final int FIRST_HOST = 0x0A00_0000;
    private static final int DESTINATION = NatPairs.ipv4(198, 51, 100, 7);
    private static final long STEP_NANOS = 1_000;
    private static final long LONG_IDLE_NANOS = 1L << 60;

    /** Which fill a rate is measured on. */
    public enum FillKind {
        /** A uniformly random fill of open mappings. */
        UNIFORM,
        /** The fill the policy's own steady-state churn leaves behind. */
        STEADY_STATE
    }

    /**
     * One measured rate.
     *
     * @param policy the search policy
     * @param kind the fill it was measured on
     * @param targetFill the fill asked for
     * @param fill the share of pairs held when the tries were made (uniform: exact; steady state: the mean over tries)
     * @param tries new-mapping calls measured
     * @param gaveUp those answered {@link NatFailure#SEARCH_GAVE_UP}
     * @param low the rate's interval at {@link #CONFIDENCE}, lower end
     * @param high upper end
     * @param probesK the policy's probe bound k (0 for the exhaustive ones)
     * @param theory f<sup>k</sup> at {@code fill} (0 for the exhaustive policies)
     */
    public record Point(NatCatalog policy, FillKind kind, double targetFill, double fill, long tries, long gaveUp,
                        double low, double high, int probesK, double theory) {

        /** The measured false-exhaustion rate. */
        public double rate() {
            return tries == 0 ? 0 : (double) gaveUp / tries;
        }
    }

    private final int ports;
    private final int trials;
    private final int steadySteps;
    private final long seed;

    /**
     * A study over one address of {@code ports} ports.
     *
     * @param ports ports per address, a multiple of {@link #VPP_WORKERS}, 256..64,512
     * @param trials uniform-fill trials per point, 1..10,000,000
     * @param steadySteps measured steady-state steps per point, 1..10,000,000
     * @param seed where every random choice starts
     * @throws IllegalArgumentException naming the bad value and what was allowed
     */
    public FalseExhaustionStudy(int ports, int trials, int steadySteps, long seed) {
        if (ports < 256 || ports > 64_512 || ports % VPP_WORKERS != 0) {
            throw new IllegalArgumentException("ports: " + ports + " (expected: 256..64512, a multiple of " + VPP_WORKERS + ")");
        }
        if (trials < 1 || trials > 10_000_000) {
            throw new IllegalArgumentException("trials: " + trials + " (expected: 1..10000000)");
        }
        if (steadySteps < 1 || steadySteps > 10_000_000) {
            throw new IllegalArgumentException("steadySteps: " + steadySteps + " (expected: 1..10000000)");
        }
        this.ports = ports;
        this.trials = trials;
        this.steadySteps = steadySteps;
        this.seed = seed;
    }

    /** The study the report draws: 64,512 ports, 10,000 trials and steps per point, seed 24. */
    public static FalseExhaustionStudy forReport() {
        return new FalseExhaustionStudy(64_512, 10_000, 10_000, 24);
    }

    /** Ports of the one address. */
    public int portCount() {
        return ports;
    }

    /** The probe bound of {@code policy}'s search: k of f<sup>k</sup>, 0 for the exhaustive policies. */
    public static int probes(NatCatalog policy) {
        return switch (policy) {
            case NETFILTER, NETFILTER_EVICTING -> 128 + 64 + 32 + 16 + 8;
            case CILIUM -> 32;
            case VPP -> 10;
            case EXACT, ROUND_ROBIN -> 0;
        };
    }

    /** f<sup>k</sup>: the chance that k independent uniform probes all meet taken pairs; 0 when k is 0 (an exhaustive search). */
    public static double theory(double fill, int k) {
        return k == 0 ? 0 : Math.pow(fill, k);
    }

    /**
     * Every point of {@code policies} x both fill kinds x {@code fills}, in that order.
     *
     * @throws IllegalArgumentException for a fill outside (0, 1)
     */
    public List<Point> run(List<NatCatalog> policies, List<Double> fills) {
        for (double f : fills) {
            if (!(f > 0 && f < 1)) {
                throw new IllegalArgumentException("fill: " + f + " (expected: strictly between 0 and 1)");
            }
        }
        List<Point> points = new ArrayList<>();
        for (NatCatalog p : policies) {
            points.addAll(uniform(p, fills));
            for (double f : fills) {
                points.add(steadyState(p, f));
            }
        }
        return List.copyOf(points);
    }

    private NatConfig config(NatCatalog policy, long transitoryNanos) {
        return NatConfig.builder().portRange(FIRST_PORT, FIRST_PORT + ports - 1).pairedPooling(false)
                .workers(policy == NatCatalog.VPP ? VPP_WORKERS : 1)
                .timeoutNanos(TimerState.ESTABLISHED, LONG_IDLE_NANOS).timeoutNanos(TimerState.UDP, LONG_IDLE_NANOS)
                .timeoutNanos(TimerState.TRANSITORY, Math.max(1, transitoryNanos))
                .maxMappings(ports + 1024).maxHosts(HOSTS).seed(seed ^ (policy.ordinal() + 1L) * 0x9E37_79B9_7F4A_7C15L).build();
    }

    private static int host(long flow) {
        return FIRST_HOST + (int) (flow % HOSTS);
    }

    private static int port(long flow) {
        return 1 + (int) ((flow / HOSTS) % 65_535);
    }

    private static long map(NatAllocator nat, long flow, long now) {
        return nat.map(host(flow), port(flow), DESTINATION, 443, NatPairs.TCP, now);
    }

    private static void close(NatAllocator nat, long flow, CloseKind kind, long now) {
        nat.close(host(flow), port(flow), DESTINATION, 443, NatPairs.TCP, kind, now);
    }

    /** Uniform fills, from the highest down: each a random subset of the one before, the same share freed per quarter. */
    private List<Point> uniform(NatCatalog policy, List<Double> fills) {
        NatAllocator nat = policy.create(config(policy, LONG_IDLE_NANOS));
        SplittableRandom random = new SplittableRandom(seed * 31 + policy.ordinal());
        int slice = ports / VPP_WORKERS;
        long[][] held = new long[VPP_WORKERS][slice];
        int[] count = new int[VPP_WORKERS];
        long flow = 0;
        for (long attempt = 0; nat.liveMappings() < ports; attempt++) {
            if (attempt > 1000L * ports) {
                throw new IllegalStateException(policy.id() + ": could not take all " + ports + " pairs");
            }
            long f = flow++;
            long pair = map(nat, f, 0);
            if (NatPairs.isPair(pair)) {
                int q = (NatPairs.port(pair) - FIRST_PORT) / slice;
                held[q][count[q]++] = f;
            }
        }
        List<Point> out = new ArrayList<>();
        List<Double> descending = fills.stream().sorted((a, b) -> Double.compare(b, a)).toList();
        for (double target : descending) {
            int keep = (int) Math.round(target * slice);
            for (int q = 0; q < VPP_WORKERS; q++) {
                while (count[q] > keep) {
                    int i = random.nextInt(count[q]);
                    close(nat, held[q][i], CloseKind.IDLE, 0);
                    held[q][i] = held[q][--count[q]];
                }
            }
            double fill = (double) nat.liveMappings() / ports;
            long gaveUp = 0;
            for (int t = 0; t < trials; t++) {
                long f = flow++;
                long pair = map(nat, f, 0);
                if (NatPairs.isPair(pair)) {
                    close(nat, f, CloseKind.IDLE, 0);
                } else {
                    gaveUp += countGiveUp(policy, pair);
                }
            }
            out.add(point(policy, FillKind.UNIFORM, target, fill, trials, gaveUp));
        }
        out.sort((a, b) -> Double.compare(a.targetFill(), b.targetFill()));
        return out;
    }

    private static long countGiveUp(NatCatalog policy, long result) {
        NatFailure why = NatFailure.of(result);
        if (why != NatFailure.SEARCH_GAVE_UP) {
            throw new IllegalStateException(policy.id() + ": " + why + " with free pairs left (expected only SEARCH_GAVE_UP)");
        }
        return 1;
    }

    /** The policy's own churn at {@code target}: map a new flow, close the oldest open one with a FIN, step the clock. */
    private Point steadyState(NatCatalog policy, double target) {
        int inUse = (int) Math.round(target * ports);
        int closing = (int) Math.round(CLOSING_SHARE * inUse);
        int open = inUse - closing;
        NatAllocator nat = policy.create(config(policy, closing * STEP_NANOS));
        long[] ring = new long[open + 1];
        int head = 0;
        int size = 0;
        long flow = 0;
        long now = 0;
        while (size < open) {
            long f = flow++;
            if (NatPairs.isPair(map(nat, f, now))) {
                ring[(head + size++) % ring.length] = f;
            }
            if (flow > 1000L * ports) {
                throw new IllegalStateException(policy.id() + ": could not open " + open + " flows");
            }
        }
        long warmUp = 2L * inUse;
        long tries = 0;
        long gaveUp = 0;
        double heldSum = 0;
        for (long step = 0; step < warmUp + steadySteps; step++) {
            now += STEP_NANOS;
            boolean measured = step >= warmUp;
            for (int attempt = 0; attempt < MAX_TRIES_PER_STEP; attempt++) {
                long f = flow++;
                if (measured) {
                    nat.expire(now);
                    heldSum += nat.liveMappings();
                    tries++;
                }
                long pair = map(nat, f, now);
                if (NatPairs.isPair(pair)) {
                    ring[(head + size++) % ring.length] = f;
                    break;
                }
                if (measured) {
                    gaveUp += countGiveUp(policy, pair);
                }
            }
            if (size > 0) {
                close(nat, ring[head], CloseKind.FIN, now);
                head = (head + 1) % ring.length;
                size--;
            }
        }
        return point(policy, FillKind.STEADY_STATE, target, heldSum / ports / tries, tries, gaveUp);
    }

    private static Point point(NatCatalog policy, FillKind kind, double target, double fill, long tries, long gaveUp) {
        double alpha = 1 - CONFIDENCE;
        double low = gaveUp == 0 ? 0 : BetaDistribution.of(gaveUp, tries - gaveUp + 1).inverseCumulativeProbability(alpha / 2);
        double high = gaveUp == tries ? 1 : BetaDistribution.of(gaveUp + 1, tries - gaveUp).inverseCumulativeProbability(1 - alpha / 2);
        int k = probes(policy);
        return new Point(policy, kind, target, fill, tries, gaveUp, low, high, k, theory(fill, k));
    }
}
