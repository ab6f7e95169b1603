package dev.portbench.jmh.nat;

import dev.portbench.nat.CloseKind;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatPairs;
import dev.portbench.nat.TimerState;

/**
 * The NAT steady state the benchmarks measure: internal hosts open flows to a few destinations,
 * the oldest open flow closes as each new one maps, and the closes mix the per-state timers (half
 * end at once, a quarter with a FIN into the transitory timer, a quarter with an RST into the
 * cool-down), so the allocator holds entries of three timeouts at once and frees the closing
 * ones on their deadlines inside later calls. Time advances so that about a tenth of the pairs in
 * use are held by closing timers; the pairs in use stay at {@code fill} of the pool.
 *
 * <p>{@link #step()} is one close and one map: no allocation. Flows are numbered; flow {@code f}
 * comes from host {@code f mod hosts}, port {@code 1024 + (f / hosts) mod 60000}, towards
 * destination {@code f mod 16} on port 443. Not thread-safe.
 */
public final class NatChurn {

    /** Internal hosts (the scale). */
    public static final int HOSTS = 100_000;
    /** Destinations the flows go to. */
    public static final int DESTINATIONS = 16;
    /** Ports per external address: 1024..65535. */
    public static final int PORTS_PER_ADDRESS = 64_512;
    /** The share of the pairs in use held by closing (transitory or cool-down) timers. */
    static final double CLOSING_SHARE = 0.1;
    /** RFC 5382 REQ-5: an established flow idles at least 2 h 4 min before it may be dropped. */
    static final long ESTABLISHED_IDLE_NANOS = 7_440_000_000_000L;

    private static final int FIRST_HOST = 0x0A00_0000;
    private static final int FIRST_DESTINATION = 0xC633_6400;

    private final NatAllocator nat;
    private final int open;
    /** Bit {@code f mod 2^k}: whether flow f got a pair (a bounded search may have failed it). */
    private final long[] mapped;
    private final long mask;
    private final long stepNanos;
    private long nextFlow;
    private long failures;
    private long oldestOpen;
    private long now;

    /** {@code addresses} x 64,512 pairs of {@code type}, filled to {@code fill}, warmed through one whole cycle. */
    public NatChurn(NatCatalog type, int addresses, double fill) {
        if (!(fill > 0 && fill < 1)) {
            throw new IllegalArgumentException("fill: " + fill + " (expected: strictly between 0 and 1)");
        }
        NatConfig config = config(addresses);
        this.nat = type.create(config);
        long inUse = inUse(config, fill);
        this.open = openFlows(inUse);
        this.stepNanos = stepNanos(config, inUse);
        int bits = Integer.highestOneBit(Math.max(64, open + 2)) << 1;
        this.mapped = new long[bits >>> 6];
        this.mask = bits - 1;
        for (int i = 0; i < open; i++) {
            map();
        }
        long cycle = warmUpSteps(inUse, open);
        for (long i = 0; i < cycle; i++) {
            step();
        }
    }

    /** Pairs in use at {@code fill} of {@code config}'s pool. */
    static long inUse(NatConfig config, double fill) {
        return (long) (fill * config.pairCount());
    }

    /** Open flows held when {@code inUse} pairs are in use: the rest are held by closing timers. */
    static int openFlows(long inUse) {
        return (int) (inUse * (1 - CLOSING_SHARE));
    }

    /**
     * The clock's step per event: a quarter of the closes wait out the transitory timer, a quarter
     * the RST cool-down, so that {@link #CLOSING_SHARE} of the {@code inUse} pairs are closing.
     */
    static long stepNanos(NatConfig config, long inUse) {
        double closingNanosPerClose = 0.25 * config.timeoutNanos(TimerState.TRANSITORY)
                + 0.25 * config.timeoutNanos(TimerState.RST_COOLDOWN);
        return Math.max(1, (long) (closingNanosPerClose / (CLOSING_SHARE * inUse)));
    }

    /** Steps after the fill that bring the churn to its steady state: one whole cycle of the pairs. */
    static long warmUpSteps(long inUse, int open) {
        return inUse + open;
    }

    /** Flow {@code f}'s internal address. */
    static int host(long f) {
        return FIRST_HOST + (int) (f % HOSTS);
    }

    /** Flow {@code f}'s internal port. */
    static int port(long f) {
        return 1024 + (int) ((f / HOSTS) % 60_000);
    }

    /** Flow {@code f}'s destination address. */
    static int destination(long f) {
        return FIRST_DESTINATION + (int) (f % DESTINATIONS);
    }

    /** How flow {@code f} closes: at once (0, 1), with a FIN (2) or with an RST (3). */
    static int closeKind(long f) {
        return (int) (f & 3);
    }

    /**
     * The pool the benchmarks use: {@code addresses} addresses from 203.0.113.1, ports 1024-65535,
     * endpoint-independent mapping, no paired pooling (the pool's cost alone, not a host's limit),
     * RFC 5382's 2 h 4 min established idle timeout, the default closing timers.
     */
    public static NatConfig config(int addresses) {
        return NatConfig.builder().addressRange(0xCB00_7101, addresses).portRange(1024, 65_535).pairedPooling(false)
                .timeoutNanos(TimerState.ESTABLISHED, ESTABLISHED_IDLE_NANOS)
                .maxMappings((int) Math.min(NatConfig.MAX_CAPACITY, (long) addresses * PORTS_PER_ADDRESS + 1024))
                .maxHosts(HOSTS).build();
    }

    private long map() {
        long f = nextFlow++;
        now += stepNanos;
        long pair = nat.map(host(f), port(f), destination(f), 443, NatPairs.TCP, now);
        int bit = (int) (f & mask);
        if (pair >= 0) {
            mapped[bit >>> 6] |= 1L << bit;
        } else {
            mapped[bit >>> 6] &= ~(1L << bit);
            failures++;
        }
        return pair;
    }

    private void closeOldest() {
        long f = oldestOpen++;
        int bit = (int) (f & mask);
        if ((mapped[bit >>> 6] & (1L << bit)) == 0) {
            return; // its open failed: nothing to close
        }
        int k = closeKind(f);
        CloseKind kind = k < 2 ? CloseKind.IDLE : k == 2 ? CloseKind.FIN : CloseKind.RST;
        nat.close(host(f), port(f), destination(f), 443, NatPairs.TCP, kind, now);
    }

    /** One close of the oldest open flow and one new mapping; answers the new pair (negative: a failure). */
    public long step() {
        closeOldest();
        return map();
    }

    /** The allocator driven. */
    public NatAllocator nat() {
        return nat;
    }

    /** Maps that found no pair since the churn began (warm-up included). */
    public long failures() {
        return failures;
    }

    /** Open flows held, besides those closing. */
    public int openFlows() {
        return open;
    }
}
