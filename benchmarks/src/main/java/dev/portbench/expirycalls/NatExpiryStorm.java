package dev.portbench.expirycalls;

import dev.portbench.jmh.nat.NatChurn;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatPairs;
import dev.portbench.nat.TimerState;

import java.util.Locale;

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
    static final long IDLE_NANOS = 300_000_000_000L;
    private static final int STORM_HOST = 0x0A10_0000;
    private static final int NEW_HOST = 0x0A20_0000;
    private static final int DESTINATION = NatPairs.ipv4(198, 51, 100, 9);

    private final NatCatalog policy;
    private final int storm;
    private final int calls;

    /**
     * A storm of {@code storm} mappings on {@code policy}, then {@code calls} timed new mappings.
     *
     * @throws IllegalArgumentException unless 1 <= storm <= 120,000 and 1 <= calls <= 1,000,000
     */
    public NatExpiryStorm(NatCatalog policy, int storm, int calls) {
        if (storm < 1 || storm > 120_000) {
            throw new IllegalArgumentException("storm: " + storm + " (expected: 1..120000, within 2 x 64,512 pairs)");
        }
        if (calls < 1 || calls > 1_000_000) {
            throw new IllegalArgumentException("calls: " + calls + " (expected: 1..1000000)");
        }
        this.policy = policy;
        this.storm = storm;
        this.calls = calls;
    }

    /** The allocator of one repetition, the storm opened at time 0: every mapping due at {@link #IDLE_NANOS}. */
    NatAllocator prepared() {
        NatConfig config = NatChurn.config(ADDRESSES).toBuilder().timeoutNanos(TimerState.ESTABLISHED, IDLE_NANOS)
                .timeoutNanos(TimerState.UDP, IDLE_NANOS).build();
        NatAllocator nat = policy.create(config);
        for (int i = 0; i < storm; i++) {
            if (!NatPairs.isPair(nat.map(STORM_HOST + i / 50_000, 1 + i % 50_000, DESTINATION, 443, NatPairs.TCP, 0))) {
                throw new IllegalStateException(policy.id() + ": storm flow " + i + " got no pair");
            }
        }
        return nat;
    }

    /** The new-mapping call at position {@code i}, at the storm's tick plus {@code i} ns; answers its result. */
    static long call(NatAllocator nat, int i) {
        return nat.map(NEW_HOST + i % 1000, 1 + i / 1000, DESTINATION, 443, NatPairs.TCP, IDLE_NANOS + i);
    }

    /** Times one repetition's calls into {@code times}; answers how many got no pair. */
    int timeCalls(NatAllocator nat, long[] times) {
        int failed = 0;
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            long r = call(nat, i);
            times[i] = System.nanoTime() - t0;
            failed += r < 0 ? 1 : 0;
        }
        return failed;
    }

    /** The times of {@code repetitions} repetitions after {@code warmup} untimed ones, folded. */
    public CallTimes measure(int warmup, int repetitions) {
        CallTimes folded = new CallTimes(calls);
        long[] times = new long[calls];
        for (int r = 0; r < warmup + repetitions; r++) {
            NatAllocator nat = prepared();
            int failed = timeCalls(nat, times);
            if (failed != 0) {
                throw new IllegalStateException(policy.id() + ": " + failed + " new mappings failed after the storm");
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

    /** Prints the storm's worst call against its median for each policy named (default: exact). */
    public static void main(String[] args) {
        NatCatalog policy = args.length > 0 ? NatCatalog.byId(args[0]) : NatCatalog.EXACT;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        NatExpiryStorm s = new NatExpiryStorm(policy, STORM, CALLS);
        CallTimes t = s.measure(3, repetitions);
        double floor = timerFloor(CALLS, repetitions);
        double median = t.median();
        System.out.printf(Locale.ROOT, "%s: %,d mappings due at one tick, then %,d new mappings timed, %d repetitions after 3 warm-up%n",
                policy.id(), STORM, CALLS, repetitions);
        System.out.printf(Locale.ROOT, "timer floor %.0f ns; per-position minimum over repetitions: median call %.0f ns, p99 %d ns, "
                        + "worst %,d ns at call %d; worst / median %.0fx (net of the timer floor: %.0fx); raw slowest call %,d ns%n",
                floor, median, t.percentile(99), t.worst(), t.worstPosition(), t.worst() / median,
                (t.worst() - floor) / Math.max(1, median - floor), t.rawMax());
    }
}
