package dev.portbench.expirycalls;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.Workloads;

/**
 * The deterministic scenario whose every call {@link ExpiryCallsFork} times: the whole range of
 * workload {@code scale-<ports>} falls due at one instant, then the client goes on cycling.
 *
 * <p>Built, every port is taken and released at one instant. Each repetition
 * ({@link #startRepetition()}) moves the clock on by one TIME-WAIT (plus the allocator's lateness,
 * capped at one TIME-WAIT), so every port is due at once, then runs {@link #cycles()} = {@code ports}
 * cycles at that instant ({@link #cycle()}: {@code expire(now)}, {@code allocate(now)},
 * {@code release(port, now)}). An unbounded allocator frees the whole range in the first cycle's
 * {@code expire}; one with an expiry quota q frees q per cycle over the first ceil(ports/q) cycles.
 * A released port waits in TIME-WAIT, so the {@code ports} cycles take every port once and the
 * repetition ends as it began: the whole range in TIME-WAIT, released at one instant. Every
 * repetition is thus the same sequence of calls: the cost at a cycle's position is the
 * algorithm's, the same in every repetition.
 *
 * <p>Costs: construction O(ports); a cycle is one call of each kind; nothing allocated by the
 * scenario. Not thread-safe.
 */
public final class ExpiryCallScenario {

    /** The allocator time of the first instant, far from 0 so that time crosses nothing special. */
    static final long START_TIME = -1_000_000_000_000L;

    private final PortAllocator allocator;
    private final int ports;
    private final long step;
    private long now = START_TIME;

    private ExpiryCallScenario(PortAllocator allocator) {
        this.allocator = allocator;
        this.ports = allocator.rangeSize();
        this.step = allocator.timeWaitNanos() + Math.min(allocator.maxLatenessNanos(), allocator.timeWaitNanos());
        for (int i = 0; i < ports; i++) {
            if (allocator.allocate(now) == PortAllocator.NO_PORT) {
                throw new IllegalStateException(allocator.name() + ": no free port after " + i + " of " + ports);
            }
        }
        for (int port = allocator.firstPort(); port <= allocator.lastPort(); port++) {
            allocator.release(port, now);
        }
    }

    /**
     * The scenario on {@code allocator} (with expiry quota {@code quota}, 0 for none) over the
     * range of workload {@code scale-<ports>}.
     *
     * @throws IllegalArgumentException if there is no such workload or the allocator refuses the quota
     */
    public static ExpiryCallScenario of(AllocatorCatalog allocator, int quota, int ports) {
        AllocatorConfig config = Workloads.byId("scale-" + ports).allocatorConfig();
        if (quota != 0) {
            config = config.toBuilder().expiryQuota(quota).build();
        }
        PortAllocator a = allocator.create(config);
        if (a.rangeSize() != ports) {
            throw new IllegalStateException("scale-" + ports + " has " + a.rangeSize() + " ports (expected " + ports + ")");
        }
        return new ExpiryCallScenario(a);
    }

    /** Whether {@code allocator} takes an expiry quota (the others refuse one when built). */
    public static boolean takesQuota(AllocatorCatalog allocator) {
        try {
            allocator.create(Workloads.byId("scale-3976").allocatorConfig().toBuilder().expiryQuota(1).build());
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    /** Cycles per repetition: the range's size. */
    public int cycles() {
        return ports;
    }

    /** The allocator, for checks. */
    PortAllocator allocator() {
        return allocator;
    }

    /** The current instant. */
    long now() {
        return now;
    }

    /**
     * Moves the clock on so that every port is due, and checks the repetition before ended as the
     * scenario requires.
     *
     * @throws IllegalStateException if a port is not in TIME-WAIT
     */
    public void startRepetition() {
        if (allocator.timeWaitCount() != ports || allocator.freeCount() != 0) {
            throw new IllegalStateException(allocator.name() + ": " + allocator.timeWaitCount() + " ports in TIME-WAIT and "
                    + allocator.freeCount() + " free at the end of a repetition (expected " + ports + " and 0)");
        }
        now += step;
    }

    /**
     * One cycle at the current instant; answers the ports its {@code expire} freed.
     *
     * @throws IllegalStateException if no port could be taken (no allocator may fail here)
     */
    public int cycle() {
        PortAllocator a = allocator;
        long t = now;
        int freed = a.expire(t);
        int port = a.allocate(t);
        if (port == PortAllocator.NO_PORT) {
            throw new IllegalStateException(a.name() + ": no port at " + t + " with " + a.timeWaitCount() + " in TIME-WAIT");
        }
        a.release(port, t);
        return freed;
    }
}
