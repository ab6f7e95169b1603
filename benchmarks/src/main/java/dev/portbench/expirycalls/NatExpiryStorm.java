package dev.portbench.expirycalls;

import dev.portbench.jmh.nat.NatChurn;
import dev.portbench.nat.MappingBehaviour;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatPairs;
import dev.portbench.nat.TimerState;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * An expiry storm on a NAT allocator, every call timed: {@code storm} mappings open at one
 * instant with the same idle timeout, so they all reach their timers in the same tick (a mass idle
 * timeout after an outage); then {@code calls} new-mapping calls follow, one nanosecond apart, and
 * each is timed with {@code System.nanoTime()} into a preallocated array. The allocator ends
 * everything due first in every call that takes {@code now}, so the first call after the tick is
 * where an unbounded expiry pays for the whole storm. The scenario is deterministic, so, as in
 * {@link CallTimes}, the minimum per position over the repetitions is the algorithm's cost (a
 * stall of the machine hits a random call) and the raw slowest call is beside it.
 *
 * <p>Pool: {@link NatChurn#config}'s, 2 addresses (129,024 pairs), endpoint-independent. Cost: a
 * repetition builds a new allocator and opens {@code storm} flows (untimed), then times
 * {@code calls} maps. Not thread-safe.
 *
 * <p>Run: {@code java -cp cli/target/portbench.jar dev.portbench.expirycalls.NatExpiryStorm [policy] [repetitions]}.
 */
public final class NatExpiryStorm {

    /** Mappings that reach their timers in the same tick (the storm). */
    public static final int STORM = 100_000;
    /** New-mapping calls timed after the tick. */
    public static final int CALLS = 20_000;
    static final int ADDRESSES = 2;
    /** Timed calls per block for the block-timed median (a block's time net of one timer reading, over its calls). */
    static final int BLOCK = 16;
    static final long IDLE_NANOS = 300_000_000_000L;
    private static final int STORM_HOST = 0x0A10_0000;
    private static final int NEW_HOST = 0x0A20_0000;
    private static final int DESTINATION = NatPairs.ipv4(198, 51, 100, 9);
    /** The storm flows' destinations under address-and-port-dependent mapping, 50,000 flows each. */
    private static final int STORM_DESTINATION = NatPairs.ipv4(198, 51, 100, 100);

    private final NatCatalog policy;
    private final int storm;
    private final int calls;
    private final int addresses;
    private final MappingBehaviour behaviour;

    /**
     * A storm of {@code storm} mappings on {@code policy}, then {@code calls} timed new mappings.
     *
     * @throws IllegalArgumentException unless 1 <= storm <= 120,000 and 1 <= calls <= 1,000,000
     */
    public NatExpiryStorm(NatCatalog policy, int storm, int calls) {
        this(policy, storm, calls, ADDRESSES, MappingBehaviour.ENDPOINT_INDEPENDENT);
    }

    /**
     * As above on {@code addresses} x 64,512 pairs with {@code behaviour}; under
     * address-and-port-dependent mapping the storm's flows go to one destination per 50,000 (so
     * 100,000 of them fit on one address's 64,512 pairs) and the new ones to another.
     *
     * @throws IllegalArgumentException as above, or unless 1 <= addresses <= 16, or if the storm and
     *     the calls do not fit in the pairs under endpoint-independent mapping
     */
    public NatExpiryStorm(NatCatalog policy, int storm, int calls, int addresses, MappingBehaviour behaviour) {
        if (storm < 1 || storm > 120_000) {
            throw new IllegalArgumentException("storm: " + storm + " (expected: 1..120000)");
        }
        if (addresses < 1 || addresses > 16) {
            throw new IllegalArgumentException("addresses: " + addresses + " (expected: 1..16)");
        }
        if (behaviour == MappingBehaviour.ENDPOINT_INDEPENDENT && (long) storm + calls > addresses * 64_512L) {
            throw new IllegalArgumentException("storm + calls: " + (storm + calls) + " (expected: within " + addresses
                    + " x 64,512 pairs under endpoint-independent mapping)");
        }
        this.addresses = addresses;
        this.behaviour = behaviour;
        if (calls < 1 || calls > 1_000_000) {
            throw new IllegalArgumentException("calls: " + calls + " (expected: 1..1000000)");
        }
        this.policy = policy;
        this.storm = storm;
        this.calls = calls;
    }

    /** The allocator of one repetition, the storm opened at time 0: every mapping due at {@link #IDLE_NANOS}. */
    NatAllocator prepared() {
        NatConfig config = NatChurn.config(addresses).toBuilder().timeoutNanos(TimerState.ESTABLISHED, IDLE_NANOS)
                .timeoutNanos(TimerState.UDP, IDLE_NANOS).behaviour(behaviour)
                .maxMappings(Math.max(NatChurn.config(addresses).maxMappings(), storm + calls + 1024)).build();
        NatAllocator nat = policy.create(config);
        boolean apdm = behaviour == MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT;
        for (int i = 0; i < storm; i++) {
            int da = apdm ? STORM_DESTINATION + i / 50_000 : DESTINATION;
            if (!NatPairs.isPair(nat.map(STORM_HOST + i / 50_000, 1 + i % 50_000, da, 443, NatPairs.TCP, 0))) {
                throw new IllegalStateException(policy.id() + ": storm flow " + i + " got no pair");
            }
        }
        return nat;
    }

    /** The new-mapping call at position {@code i}, at the storm's tick plus {@code i} ns; answers its result. */
    static long call(NatAllocator nat, int i) {
        return call(nat, i, IDLE_NANOS);
    }

    /** The same call with the tick at {@code tick} (before {@link #IDLE_NANOS}: nothing is due, the baseline). */
    static long call(NatAllocator nat, int i, long tick) {
        return nat.map(NEW_HOST + i % 1000, 1 + i / 1000, DESTINATION, 443, NatPairs.TCP, tick + i);
    }

    /** Times one repetition's calls into {@code times}; answers how many got no pair. */
    int timeCalls(NatAllocator nat, long[] times) {
        return timeCalls(nat, times, IDLE_NANOS);
    }

    private int timeCalls(NatAllocator nat, long[] times, long tick) {
        int failed = 0;
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            long r = call(nat, i, tick);
            times[i] = System.nanoTime() - t0;
            failed += r < 0 ? 1 : 0;
        }
        return failed;
    }

    /** Times blocks of {@link #BLOCK} consecutive calls into {@code blocks}; answers how many got no pair. */
    private int timeBlocks(NatAllocator nat, long[] blocks, long tick) {
        int failed = 0;
        for (int b = 0; b < blocks.length; b++) {
            int end = Math.min(calls, (b + 1) * BLOCK);
            long t0 = System.nanoTime();
            for (int i = b * BLOCK; i < end; i++) {
                failed += call(nat, i, tick) < 0 ? 1 : 0;
            }
            blocks[b] = System.nanoTime() - t0;
        }
        return failed;
    }

    /**
     * The block-timed median call over {@code repetitions} after {@code warmup}: per block the
     * minimum over repetitions, net of {@code floor} (one timer reading), over its calls; the median
     * over blocks. {@code tick} {@link #IDLE_NANOS} times the storm, an earlier one the baseline
     * (the same calls on the same 100,000 live mappings, none due).
     */
    public double blockMedian(int warmup, int repetitions, long tick, double floor) {
        long[] blocks = new long[(calls + BLOCK - 1) / BLOCK];
        CallTimes folded = folded(warmup, repetitions, blocks, b -> timeBlocks(prepared(), b, tick),
                failed -> "new mappings failed");
        double[] perCall = new double[blocks.length];
        for (int b = 0; b < blocks.length; b++) {
            perCall[b] = (folded.minimumAt(b) - floor) / Math.min(BLOCK, calls - b * BLOCK);
        }
        Arrays.sort(perCall);
        return perCall[perCall.length / 2];
    }

    /** The per-call times of the baseline: the same calls before the tick, nothing due. */
    public CallTimes measureBaseline(int warmup, int repetitions) {
        return folded(warmup, repetitions, new long[calls], times -> timeCalls(prepared(), times, IDLE_NANOS / 2),
                failed -> "baseline mappings failed");
    }

    /** The times of {@code repetitions} repetitions after {@code warmup} untimed ones, folded. */
    public CallTimes measure(int warmup, int repetitions) {
        return folded(warmup, repetitions, new long[calls], times -> timeCalls(prepared(), times),
                failed -> failed + " new mappings failed after the storm");
    }

    /** One repetition on a freshly prepared NAT: times into {@code times}, answers how many calls got no pair. */
    private interface Repetition {
        int time(long[] times);
    }

    /**
     * {@code warmup} untimed then {@code repetitions} measured runs of {@code repetition}, each into
     * {@code times}, the measured ones folded; what is timed and how is the repetition's alone. A
     * run with a call that got no pair fails the measurement, warm-up or not.
     *
     * @throws IllegalStateException naming the policy and {@code failure} of the failed calls' count
     */
    private CallTimes folded(int warmup, int repetitions, long[] times, Repetition repetition, IntFunction<String> failure) {
        CallTimes folded = new CallTimes(times.length);
        for (int r = 0; r < warmup + repetitions; r++) {
            int failed = repetition.time(times);
            if (failed != 0) {
                throw new IllegalStateException(policy.id() + ": " + failure.apply(failed));
            }
            if (r >= warmup) {
                folded.fold(times);
            }
        }
        return folded;
    }

    /** The timer's own cost: the same loop timing nothing, median over the positions' minima. */
    static double timerFloor(int calls, int repetitions) {
        CallTimes folded = new CallTimes(calls);
        long[] times = new long[calls];
        for (int r = 0; r < repetitions; r++) {
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                times[i] = System.nanoTime() - t0;
            }
            folded.fold(times);
        }
        return folded.median();
    }

    /**
     * Prints the storm's worst call against its median: {@code [policy] [repetitions] [addresses]
     * [eim|apdm]} (default: exact 10 2 eim).
     */
    public static void main(String[] args) {
        NatCatalog policy = args.length > 0 ? NatCatalog.byId(args[0]) : NatCatalog.EXACT;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int addresses = args.length > 2 ? Integer.parseInt(args[2]) : ADDRESSES;
        MappingBehaviour behaviour = args.length > 3 && args[3].equals("apdm") ? MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT
                : MappingBehaviour.ENDPOINT_INDEPENDENT;
        NatExpiryStorm s = new NatExpiryStorm(policy, STORM, CALLS, addresses, behaviour);
        CallTimes t = s.measure(3, repetitions);
        CallTimes base = s.measureBaseline(3, repetitions);
        double floor = timerFloor(CALLS, repetitions);
        double stormBlock = s.blockMedian(1, repetitions, IDLE_NANOS, floor);
        double baseBlock = s.blockMedian(1, repetitions, IDLE_NANOS / 2, floor);
        double median = t.median();
        System.out.printf(Locale.ROOT, "%s %s, %,d pairs: %,d mappings due at one tick, then %,d new mappings timed, %d repetitions "
                        + "after 3 warm-up%n", policy.id(), behaviour == MappingBehaviour.ENDPOINT_INDEPENDENT ? "eim" : "apdm",
                addresses * 64_512, STORM, CALLS, repetitions);
        System.out.printf(Locale.ROOT, "timer floor %.0f ns; storm, per-position minimum over repetitions: median call %.0f ns, p99 %d, "
                        + "p99.9 %d, worst %,d ns at call %d; worst / median %.1fx (net of the timer floor: %.1fx); raw slowest "
                        + "call %,d ns%n",
                floor, median, t.percentile(99), t.percentile(99.9), t.worst(), t.worstPosition(), t.worst() / median,
                (t.worst() - floor) / Math.max(1, median - floor), t.rawMax());
        System.out.printf(Locale.ROOT, "baseline (same calls, nothing due): median %.0f ns, p99.9 %d, worst %,d ns; storm worst net / "
                        + "baseline median net %.1fx; block-timed (%d calls) median call: storm %.0f ns, baseline %.0f ns%n",
                base.median(), base.percentile(99.9), base.worst(), (t.worst() - floor) / Math.max(1, base.median() - floor), BLOCK,
                stormBlock, baseBlock);
    }
}
