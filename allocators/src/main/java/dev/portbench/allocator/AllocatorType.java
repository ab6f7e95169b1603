package dev.portbench.allocator;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every allocator of the library: the one registry that the tests, the benchmarks and the
 * simulation share. Registering a new allocator here is all it takes to have it tested against
 * the contract, benchmarked and simulated.
 *
 * <p>Each constant is a free-port structure composed with a TIME-WAIT structure; its javadoc
 * gives the costs of allocate, release, reclaim and expire, the bytes per port, and how late its
 * expiry can be (never early). All are single-owner, not thread-safe.
 */
public enum AllocatorType {

    /**
     * Two-level {@code long[]} bitset, next-fit (sequential, as Windows 95), with an intrusive FIFO
     * for TIME-WAIT. Allocate O(size / 4096) worst case, O(1) under sequential reuse; release,
     * reclaim and each expiry O(1). About 17.1 bytes per port. Exact expiry. Also serves the RFC
     * 6056 policies (random start, random pick, hash, double hash, random increments) through
     * {@code ProbingFreePool}, as do {@link #TIMING_WHEEL} and {@link #HEAP}.
     */
    BITSET("bitset", false, BitsetPolicies.ALL) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, bitsetPool(size, selection, config), new FifoTimeWaitQueue(size));
        }
    },

    /**
     * Two-level bitset, next-fit, with a hashed timing wheel of TIME-WAIT slots (tick from the
     * configuration, 1 s by default). Allocate as {@link #BITSET}; release and reclaim O(1); expiry
     * O(ports freed + slots / 64) per tick. About 13.1 bytes per port plus 4 per slot. Expiry never
     * early, less than one tick late.
     */
    TIMING_WHEEL("timing-wheel", false, BitsetPolicies.ALL) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, bitsetPool(size, selection, config),
                    new TimingWheelTimeWaitQueue(size, config.timeWaitNanos(), config.tickNanos()));
        }
    },

    /**
     * Two-level bitset, next-fit, with fastutil's indirect long heap of deadlines. Allocate as
     * {@link #BITSET}; release, reclaim and each expiry O(log n). About 17.1 bytes per port. Exact
     * expiry; the only structure here that would also take per-port timeouts.
     */
    HEAP("heap", false, BitsetPolicies.ALL) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, bitsetPool(size, selection, config), new HeapTimeWaitQueue(size));
        }
    },

    /**
     * Ring of free ports (least-recently-used first, as HAProxy) with an intrusive FIFO for
     * TIME-WAIT: allocate, release, reclaim and each expiry all O(1). 21 bytes per port. Exact
     * expiry.
     */
    FIFO("fifo", false, PortSelection.LEAST_RECENTLY_USED) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, new LruRingFreePool(size), new FifoTimeWaitQueue(size));
        }
    },

    /**
     * Indexed set of free ports (a dense array plus each port's position) with an intrusive FIFO
     * for TIME-WAIT: a uniformly random free port in O(1), and release, reclaim and each expiry
     * O(1). About 25 bytes per port. Exact expiry. The cheapest unpredictable policy, and one that
     * never fails while a port is free.
     */
    INDEXED_SET("indexed-set", false, PortSelection.UNIFORM_RANDOM) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, new IndexedSetFreePool(size, config.seed()), new FifoTimeWaitQueue(size));
        }
    },

    /**
     * Eclipse Collections primitive collections, as a user of that library would write it: an
     * {@code IntHashSet} of free ports probed next-fit, an {@code IntLongHashMap} of deadlines and
     * primitive lists in release order. Allocate O(probes), O(1) under sequential reuse; release,
     * reclaim and each expiry O(1) amortized. About 58 bytes per port (JOL, every port in
     * TIME-WAIT). Exact expiry. No
     * allocation in steady state.
     */
    ECLIPSE_COLLECTIONS("eclipse-collections", false, PortSelection.SEQUENTIAL) {
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
    JDK_COLLECTIONS("jdk-collections", true, PortSelection.SEQUENTIAL) {
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
    AGRONA_TIMER_WHEEL("agrona-timer-wheel", true, PortSelection.SEQUENTIAL) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, new JdkBitSetFreePool(size),
                    new AgronaTimerWheelTimeWaitQueue(size, config.timeWaitNanos(), config.tickNanos()));
        }
    };

    private final String id;
    private final boolean peerBaseline;
    private final Set<PortSelection> selections;

    AllocatorType(String id, boolean peerBaseline, PortSelection... selections) {
        this.id = id;
        this.peerBaseline = peerBaseline;
        this.selections = Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(selections)));
    }

    /**
     * A new allocator of this type for {@code config}.
     *
     * @throws IllegalArgumentException if the configuration asks for a selection policy this
     *     type does not support
     */
    public PortAllocator create(AllocatorConfig config) {
        Checks.checkNotNull("config", config);
        PortSelection selection = config.selection() == null ? defaultSelection() : config.selection();
        if (!selections.contains(selection)) {
            throw new IllegalArgumentException("selection: " + selection + " (expected one of "
                    + selections + " for allocator " + id + ")");
        }
        return build(config, selection);
    }

    /** A new allocator of this type for the Windows 95 defaults of {@link AllocatorConfig#windows95()}. */
    public PortAllocator create() {
        return create(AllocatorConfig.windows95());
    }

    abstract PortAllocator build(AllocatorConfig config, PortSelection selection);

    /** The bitset free pool serving {@code selection}: next-fit for SEQUENTIAL, else an RFC 6056 policy. */
    static FreePortPool bitsetPool(int size, PortSelection selection, AllocatorConfig config) {
        return selection == PortSelection.SEQUENTIAL ? new BitsetFreePool(size) : new ProbingFreePool(size, selection, config);
    }

    /** The policies {@link #bitsetPool} serves, sequential (the default) first. */
    private static final class BitsetPolicies {
        static final PortSelection[] ALL = {PortSelection.SEQUENTIAL, PortSelection.RANDOM_START,
            PortSelection.RANDOM_PICK, PortSelection.HASH, PortSelection.DOUBLE_HASH, PortSelection.RANDOM_INCREMENTS};
    }

    /** The short stable identifier used on command lines, in benchmark parameters and reports. */
    public String id() {
        return id;
    }

    /**
     * Whether this is a peer baseline: built the way a user of a general-purpose library would,
     * to be measured against, and allowed to allocate on its hot path.
     */
    public boolean isPeerBaseline() {
        return peerBaseline;
    }

    /** The selection policies this type's free-port structure can serve. */
    public Set<PortSelection> selections() {
        return selections;
    }

    /** Whether this type can serve {@code selection}. */
    public boolean supports(PortSelection selection) {
        return selections.contains(selection);
    }

    /** The policy used when the configuration names none: the first one listed. */
    public PortSelection defaultSelection() {
        return selections.iterator().next();
    }

    /** The maximum lateness of this type's expiry under {@code config}, without building one. */
    public long maxLatenessNanos(AllocatorConfig config) {
        return create(config).maxLatenessNanos();
    }

    /**
     * The type whose {@link #id()} or constant name is {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static AllocatorType fromId(String name) {
        Checks.checkNotNull("name", name);
        for (AllocatorType type : values()) {
            if (type.id.equalsIgnoreCase(name) || type.name().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("allocator: '" + name + "' (expected one of " + ids() + ")");
    }

    /** Every id, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(AllocatorType::id).toList();
    }

    /** An allocator named by this type's id, composed of {@code pool} and {@code timeWait}, with every port free. */
    final PortAllocator compose(AllocatorConfig config, FreePortPool pool, TimeWaitQueue timeWait) {
        return new ComposedPortAllocator(id(), pool.describe() + "; TIME-WAIT: " + timeWait.describe(),
                config, pool, timeWait).fill();
    }
}
