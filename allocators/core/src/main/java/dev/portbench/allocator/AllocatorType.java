package dev.portbench.allocator;

import dev.portbench.allocator.structure.FreePortPool;
import dev.portbench.allocator.structure.Structures;
import dev.portbench.allocator.structure.TimeWaitQueue;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The allocators of this dependency-free library. The suite's tests, benchmarks and simulation
 * take them, together with the library-specific variants and peer baselines of the
 * {@code port-allocators-variants} module, through that module's {@code AllocatorCatalog};
 * registering a new core allocator here and there is all it takes to have it tested against the
 * contract, benchmarked and simulated.
 *
 * <p>Each constant is a free-port structure composed with a TIME-WAIT structure; its javadoc
 * gives the costs of allocate, release, reclaim and expire, the bytes per port, and how late its
 * expiry can be (never early). All are single-owner, not thread-safe, except those whose
 * {@link #isThreadSafe()} says so ({@code locked-fifo}, {@code locked-ring}, {@code sharded-fifo},
 * {@code sharded-ring}, {@code cas-bitset}), which any number of threads may call at once.
 */
public enum AllocatorType implements AllocatorFactory {

    /**
     * Two-level {@code long[]} bitset, next-fit (sequential, as Windows 95), with an intrusive FIFO
     * for TIME-WAIT. Allocate O(size / 4096) worst case, O(1) under sequential reuse; release,
     * reclaim and each expiry O(1). About 17.1 bytes per port. Exact expiry. Also serves the RFC
     * 6056 policies (random start, random pick, hash, double hash, random increments) through
     * {@code ProbingFreePool}, as does {@link #TIMING_WHEEL} (and the variants' fastutil heap).
     */
    BITSET("bitset", false, BitsetPolicies.ALL) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, Structures.bitsetPool(size, selection, config), Structures.fifo(size));
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
            return compose(config, Structures.bitsetPool(size, selection, config),
                    Structures.timingWheel(size, config.timeWaitNanos(), config.tickNanos()));
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
            return compose(config, Structures.lruRing(size), Structures.fifo(size));
        }
    },

    /**
     * Free ports and TIME-WAIT ports in one {@code int[]} ring, with state and deadline in one
     * {@code long} per port: the free pool and the FIFO fused, so a cycle costs close to the bare
     * minimum while every call stays checked. Allocate, release and reclaim O(1); expiry lazy
     * (allocation takes a due port on demand; {@code expire} and the counts settle what is due,
     * O(1) amortized per port); a reclaim leaves a tombstone that a dry pool compacts away in
     * O(TIME-WAIT ports). 12 bytes per port, the smallest exact allocator. Exact expiry; with
     * {@link AllocatorConfig#expiryQuota()} q, at most q ports freed per call (the added lateness
     * is counted in calls, never early, and never makes an allocation fail). Least recently used,
     * except that a reclaimed port is handed out when the ring reaches it.
     */
    RING("ring", false, PortSelection.LEAST_RECENTLY_USED) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            return Structures.ring(id(), config);
        }
    },

    /**
     * Two-level bitset, next-fit, with an indexed 4-ary min-heap of deadlines for TIME-WAIT: the
     * core's general priority queue. Allocate as {@link #BITSET}, and the same policies; release
     * O(1) under a constant TIME-WAIT (O(log4 n) in general); reclaim and each expiry O(log4 n),
     * exact removal. About 17.1 bytes per port. Exact expiry.
     */
    QUATERNARY_HEAP("4-ary-heap", false, BitsetPolicies.ALL) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            int size = config.rangeSize();
            return compose(config, Structures.bitsetPool(size, selection, config), Structures.quaternaryHeap(size));
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
            return compose(config, Structures.indexedSet(size, config.seed()), Structures.fifo(size));
        }
    },

    /**
     * Thread-safe: {@link #FIFO} behind one lock ({@code synchronized}), the baseline a user writes
     * first. Costs, bytes per port and lateness as {@link #FIFO}, plus two atomic instructions per
     * call; threads queue on the lock, so throughput does not grow with threads. Linearizable,
     * blocking. {@code now} from several threads: see {@link AllocatorConfig#clockSkewToleranceNanos()}.
     */
    LOCKED_FIFO("locked-fifo", false, true, PortSelection.LEAST_RECENTLY_USED) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            return Structures.locked(id(), FIFO.create(config), config.clockSkewToleranceNanos());
        }
    },

    /**
     * Thread-safe: {@link #RING} behind one lock ({@code synchronized}), the cheapest thread-safe
     * allocator for one thread or a few that rarely meet: at one thread about 1.7-1.8 times a
     * confined ring's cost per event with a lock wrapper around the ring, 1.5-1.7 times with the
     * lock and the skew clamp fused into the ring, as now (measured on a 2-core EPYC: 60-70% of
     * the wrapper's difference was its second call layer and clock check, the rest the monitor;
     * a cheaper lock measured no faster).
     * Costs, 12 bytes per port and exact expiry as {@link #RING} (no expiry quota unless
     * configured); threads queue on the lock, so throughput does not grow with threads.
     * Linearizable, blocking. {@code now} from several threads: see
     * {@link AllocatorConfig#clockSkewToleranceNanos()}.
     */
    LOCKED_RING("locked-ring", false, true, PortSelection.LEAST_RECENTLY_USED) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            return Structures.lockedRing(id(), config);
        }
    },

    /**
     * Thread-safe: the range split into shards ({@link AllocatorConfig#shards()}, by default the
     * processors rounded up to a power of two), each a {@link #FIFO} under its own lock; a caller
     * allocates from its home shard (a {@link ShardedAllocator#worker worker view}'s, else by
     * thread) and, when it is empty, borrows from the others with all shards locked together, so it
     * answers {@code NO_PORT} only when no shard has a free port. Allocate one lock plus O(1) when
     * the home shard has a port, O(shards) locks otherwise; release and reclaim one lock plus O(1);
     * expire and the counts O(shards) locks. 21 bytes per port plus about 500 per shard. Exact
     * expiry (late only by the skew between callers). Least-recently-used within a shard.
     * Linearizable, blocking; a {@link ShardedAllocator}.
     */
    SHARDED_FIFO("sharded-fifo", false, true, PortSelection.LEAST_RECENTLY_USED) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            return Structures.sharded(id(), config, Structures.shards(config), FIFO::create);
        }
    },

    /**
     * Thread-safe: as {@link #SHARDED_FIFO} with a {@link #RING} per shard, the lock fused into
     * each shard's ring as in {@link #LOCKED_RING} (no wrapper layer); the allocator for a
     * multi-core load balancer: with one shard per event loop ({@link AllocatorConfig#shards()})
     * and each loop on its own {@link ShardedAllocator#worker worker view}, loops share no lock and
     * no written cache line while their shards have ports, so throughput grows with cores, and
     * borrowing (all locks) keeps it from failing while any shard has a port. Allocate one lock
     * plus O(1) when the home shard has a port, O(shards) locks otherwise; release and reclaim one
     * lock plus O(1); expire and the counts O(shards) locks. 12 bytes per port plus about 400 per
     * shard. Exact expiry (late only by the skew between callers). Least-recently-used within a
     * shard. Linearizable, blocking; a {@link ShardedAllocator}.
     */
    SHARDED_RING("sharded-ring", false, true, PortSelection.LEAST_RECENTLY_USED) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            return Structures.shardedRing(id(), config, Structures.shards(config));
        }
    },

    /**
     * Thread-safe, lock-free allocation: one {@code long[]} bitset of free ports taken by
     * compare-and-set, next-fit by 64-port word from a cursor per home stripe (lowest port first
     * within a word), and TIME-WAIT in stripes of the range ({@link Structures#defaultShards}),
     * each an intrusive FIFO under its own lock. Allocate takes no lock while a port is free and
     * no stripe has a TIME-WAIT due (O(1) amortized, O(words) worst case), one stripe lock per
     * stripe whose earliest deadline has passed, and every lock only to prove exhaustion, so it
     * answers {@code NO_PORT} only when no port is free. Release and reclaim one stripe lock plus
     * O(1); expire and the counts every lock. About 17.1 bytes per port. Exact expiry (late only by
     * the skew between callers). Linearizable; allocation lock-free on its fast path, the rest
     * blocking; no loop unbounded.
     */
    CAS_BITSET("cas-bitset", false, true, PortSelection.SEQUENTIAL) {
        @Override
        PortAllocator build(AllocatorConfig config, PortSelection selection) {
            return Structures.casBitset(id(), config, Structures.defaultShards(config));
        }
    };

    private final String id;
    private final boolean peerBaseline;
    private final boolean threadSafe;
    private final Set<PortSelection> selections;

    AllocatorType(String id, boolean peerBaseline, PortSelection... selections) {
        this(id, peerBaseline, false, selections);
    }

    AllocatorType(String id, boolean peerBaseline, boolean threadSafe, PortSelection... selections) {
        this.id = id;
        this.peerBaseline = peerBaseline;
        this.threadSafe = threadSafe;
        this.selections = Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(selections)));
    }

    @Override
    public PortAllocator create(AllocatorConfig config) {
        checkServes(config);
        return build(config, selectionFor(config));
    }

    /** As the interface says; adds the expiry quota (only the rings take one) and, for the sharded kinds, the shard count. */
    @Override
    public void checkServes(AllocatorConfig config) {
        selectionFor(config);
        if (this != RING && this != LOCKED_RING && this != SHARDED_RING) {
            Structures.checkNoExpiryQuota(id, config);
        }
        if (this == SHARDED_FIFO || this == SHARDED_RING) {
            Structures.shards(config);
        }
    }

    abstract PortAllocator build(AllocatorConfig config, PortSelection selection);

    /** The policies {@link Structures#bitsetPool} serves, sequential (the default) first. */
    private static final class BitsetPolicies {
        static final PortSelection[] ALL = {PortSelection.SEQUENTIAL, PortSelection.RANDOM_START,
            PortSelection.RANDOM_PICK, PortSelection.HASH, PortSelection.DOUBLE_HASH, PortSelection.RANDOM_INCREMENTS};
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
        return threadSafe;
    }

    @Override
    public Set<PortSelection> selections() {
        return selections;
    }

    /**
     * The type whose {@link #id()} or constant name is {@code name}, ignoring case.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static AllocatorType fromId(String name) {
        return Registry.byId("allocator", List.of(values()), AllocatorType::id, name);
    }

    /** Every id, in declaration order. */
    public static List<String> ids() {
        return Registry.ids(List.of(values()), AllocatorType::id);
    }

    /** An allocator named by this type's id, composed of {@code pool} and {@code timeWait}, with every port free. */
    final PortAllocator compose(AllocatorConfig config, FreePortPool pool, TimeWaitQueue timeWait) {
        return Structures.compose(id, config, pool, timeWait);
    }
}
