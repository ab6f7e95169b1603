package dev.portbench.allocator.variants;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorFactory;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;
import dev.portbench.allocator.Registry;
import dev.portbench.allocator.structure.Checks;
import dev.portbench.allocator.structure.FreePortPool;
import dev.portbench.allocator.structure.Structures;
import dev.portbench.allocator.structure.TimeWaitQueue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every allocator the suite tests, benchmarks and simulates, in report order: the core's
 * {@link AllocatorType}s (each constant here delegates to one) and the library-specific variants
 * and peer baselines of this module. The one registry of the suite: the contract tests, the JMH
 * {@code @Param}s, the simulation and the report all take their lists from it.
 *
 * <p>Each variant is a free-port structure composed with a TIME-WAIT structure through the core's
 * composition, so it keeps the same contract: state, counts, clock and every argument check are
 * the core's. Single-owner, not thread-safe.
 */
public enum AllocatorCatalog implements AllocatorFactory {

    /** The core's {@link AllocatorType#BITSET}. */
    BITSET(AllocatorType.BITSET),

    /** The core's {@link AllocatorType#TIMING_WHEEL}. */
    TIMING_WHEEL(AllocatorType.TIMING_WHEEL),

    /**
     * Two-level bitset, next-fit, with fastutil's indirect long heap of deadlines. Allocate as
     * {@link #BITSET}, and the same RFC 6056 policies; release, reclaim and each expiry O(log n).
     * About 17.1 bytes per port. Exact expiry; the only structure here that would also take
     * per-port timeouts.
     */
    HEAP("heap", false, AllocatorType.BITSET.selections()) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, Structures.bitsetPool(size, selection, config), new HeapTimeWaitQueue(size));
        }
    },

    /** The core's {@link AllocatorType#QUATERNARY_HEAP}. */
    QUATERNARY_HEAP(AllocatorType.QUATERNARY_HEAP),

    /** The core's {@link AllocatorType#FIFO}. */
    FIFO(AllocatorType.FIFO),

    /** The core's {@link AllocatorType#RING}. */
    RING(AllocatorType.RING),

    /** The core's {@link AllocatorType#INDEXED_SET}. */
    INDEXED_SET(AllocatorType.INDEXED_SET),

    /** The core's {@link AllocatorType#LOCKED_FIFO} (thread-safe). */
    LOCKED_FIFO(AllocatorType.LOCKED_FIFO),

    /** The core's {@link AllocatorType#LOCKED_RING} (thread-safe). */
    LOCKED_RING(AllocatorType.LOCKED_RING),

    /** The core's {@link AllocatorType#SHARDED_FIFO} (thread-safe). */
    SHARDED_FIFO(AllocatorType.SHARDED_FIFO),

    /** The core's {@link AllocatorType#SHARDED_RING} (thread-safe). */
    SHARDED_RING(AllocatorType.SHARDED_RING),

    /** The core's {@link AllocatorType#CAS_BITSET} (thread-safe, lock-free allocation). */
    CAS_BITSET(AllocatorType.CAS_BITSET),

    /**
     * Eclipse Collections primitive lists used as their authors intend, pre-sized and unboxed: an
     * {@code IntArrayList} as a FIFO ring of free ports (least-recently-used, as {@link #FIFO}),
     * and TIME-WAIT as a FIFO ring of (port, deadline) entries in an {@code IntArrayList} and a
     * {@code LongArrayList} with an {@code IntArrayList} of each port's live slot (reclaim leaves a
     * tombstone). Allocate O(1); release O(1) (amortized when reclaims fill the ring); reclaim
     * and each expiry O(1). About 33 bytes per port (JOL, every port in TIME-WAIT). Exact expiry.
     * No allocation after construction.
     *
     * <p>It replaced an {@code IntHashSet} of free ports probed next-fit (sequential policy) and an
     * {@code IntLongHashMap} of deadlines beside append-only lists: 61 ns/event on
     * {@code q170791-rho0.99} against java.util's 101 (1.66x) in reference run 20261126-085922-full,
     * 58 bytes per port, and 5.4 ms for the one call that frees 64512 ports at once. Measured on one
     * noisy 2-core machine, one JMH session each (3 forks): 65.6 ns/event before, against java.util's
     * 126 (1.9x); 23.8 after, against 128 (5.4x), with 0 B/op. Ports are dense offsets, so hashing
     * them bought nothing.
     */
    ECLIPSE_COLLECTIONS("eclipse-collections", false, EnumSet.of(PortSelection.LEAST_RECENTLY_USED)) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, new EclipseCollectionsFreePool(size), new EclipseCollectionsTimeWaitQueue(size));
        }
    },

    /**
     * Peer baseline: {@code java.util.BitSet} next-fit and a {@code java.util.PriorityQueue} of
     * (deadline, port) objects. Allocate O(range / 64) worst case; release O(log n) plus one object
     * allocated; reclaim O(n) ({@code PriorityQueue.remove(Object)}); each expiry O(log n). About
     * 8 bytes per port plus 24 per port in TIME-WAIT. Exact expiry.
     */
    JDK_COLLECTIONS("jdk-collections", true, EnumSet.of(PortSelection.SEQUENTIAL)) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, new JdkBitSetFreePool(size), new JdkPriorityQueueTimeWaitQueue(size));
        }
    },

    /**
     * Peer baseline: {@code java.util.BitSet} next-fit and Agrona's {@code DeadlineTimerWheel},
     * polled at tick boundaries with the catch-up loop it needs (one poll advances one tick). Its
     * tick is the configured one rounded up to a power of two of nanoseconds. Allocate as
     * {@link #JDK_COLLECTIONS}; release O(1) amortized (spokes grow by reallocation); reclaim O(1);
     * expiry O(timers per spoke) per tick, at most one revolution after any jump. Memory: Agrona
     * gives every spoke the capacity of the fullest one, so when every port expires in one tick
     * (all released at once) it holds about 2 KB per port; spread releases need far less. Expiry
     * never early, at most one (rounded) tick late.
     */
    AGRONA_TIMER_WHEEL("agrona-timer-wheel", true, EnumSet.of(PortSelection.SEQUENTIAL)) {
        @Override
        void checkLimits(AllocatorConfig config) {
            AgronaTimerWheelTimeWaitQueue.checkServes(config.rangeSize(), config.timeWaitNanos(), config.tickNanos());
        }

        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, new JdkBitSetFreePool(size),
                    new AgronaTimerWheelTimeWaitQueue(size, config.timeWaitNanos(), config.tickNanos()));
        }
    };

    /**
     * The baseline every report divides by: {@link #JDK_COLLECTIONS}, what a Java programmer
     * would write with {@code java.util} alone.
     */
    public static final AllocatorCatalog BASELINE = JDK_COLLECTIONS;

    private final AllocatorType core;
    private final String id;
    private final boolean peerBaseline;
    private final Set<PortSelection> selections;

    AllocatorCatalog(AllocatorType core) {
        this.core = core;
        this.id = core.id();
        this.peerBaseline = core.isPeerBaseline();
        this.selections = core.selections();
    }

    AllocatorCatalog(String id, boolean peerBaseline, Set<PortSelection> selections) {
        this.core = null;
        this.id = id;
        this.peerBaseline = peerBaseline;
        this.selections = Collections.unmodifiableSet(EnumSet.copyOf(selections));
    }

    @Override
    public PortAllocator create(AllocatorConfig config) {
        if (core != null) {
            return core.create(config);
        }
        checkServes(config);
        return build(config, selectionFor(config));
    }

    /** The core type's checks, or a variant's: its selection, no expiry quota, and its own limits ({@link #checkLimits}). */
    @Override
    public void checkServes(AllocatorConfig config) {
        if (core != null) {
            core.checkServes(config);
            return;
        }
        selectionFor(config);
        Structures.checkNoExpiryQuota(id, config);
        checkLimits(config);
    }

    /** A variant's own limits on a configuration; none unless a constant says so. */
    void checkLimits(AllocatorConfig config) {
    }

    /** Builds a variant; the core's constants never get here. */
    PortAllocator build(AllocatorConfig config, PortSelection selection) {
        throw new AssertionError(name() + " is built by " + core);
    }

    /** The core type this constant delegates to, or null for a variant of this module. */
    public AllocatorType coreType() {
        return core;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isPeerBaseline() {
        return peerBaseline;
    }

    @Override
    public boolean isThreadSafe() {
        return core != null && core.isThreadSafe();
    }

    @Override
    public Set<PortSelection> selections() {
        return selections;
    }

    /**
     * The allocator whose {@link #id()} or constant name is {@code name}, ignoring case.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static AllocatorCatalog fromId(String name) {
        return Registry.byId("allocator", List.of(values()), AllocatorCatalog::id, name);
    }

    /** Every id, in declaration order. */
    public static List<String> ids() {
        return Registry.ids(List.of(values()), AllocatorCatalog::id);
    }

    /** The catalog entry of a core type. */
    public static AllocatorCatalog of(AllocatorType type) {
        Checks.checkNotNull("type", type);
        return valueOf(type.name());
    }

    final PortAllocator compose(AllocatorConfig config, FreePortPool pool, TimeWaitQueue timeWait) {
        return Structures.compose(id, config, pool, timeWait);
    }
}
