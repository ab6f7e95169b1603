package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

/**
 * The building blocks of every allocator: the core's free-port pools and TIME-WAIT queues, and
 * {@link #compose} which joins a pool and a queue into a checked {@link PortAllocator}.
 *
 * <p>This package is the library's service-provider side. The JPMS module exports it only to
 * {@code dev.portbench.allocator.variants}, whose fastutil, Eclipse Collections, java.util and
 * Agrona structures plug into the same composition and so keep the same contract (state, counts,
 * clock and every argument check live in the composition, not in the structures). Users take
 * allocators from {@code dev.portbench.allocator.AllocatorType}.
 */
public final class Structures {

    private Structures() {
    }

    /**
     * An allocator named {@code id}, composed of {@code pool} and {@code timeWait}, with every port
     * of {@code config}'s range free. The pool must be empty and sized to the range; the queue empty.
     */
    public static PortAllocator compose(String id, AllocatorConfig config, FreePortPool pool, TimeWaitQueue timeWait) {
        Checks.checkNotNull("id", id);
        Checks.checkNotNull("config", config);
        Checks.checkNotNull("pool", pool);
        Checks.checkNotNull("timeWait", timeWait);
        checkNoExpiryQuota(id, config);
        return new ComposedPortAllocator(id, pool.describe() + "; TIME-WAIT: " + timeWait.describe(),
                config, pool, timeWait).fill();
    }

    /**
     * The two-level bitset pool serving {@code selection}: next-fit for
     * {@link PortSelection#SEQUENTIAL}, otherwise the RFC 6056 policy over the same bitset.
     */
    public static FreePortPool bitsetPool(int size, PortSelection selection, AllocatorConfig config) {
        return selection == PortSelection.SEQUENTIAL ? new BitsetFreePool(size) : new ProbingFreePool(size, selection, config);
    }

    /** The ring of free ports, least recently used first (HAProxy's port_range). */
    public static FreePortPool lruRing(int size) {
        return new LruRingFreePool(size);
    }

    /** The indexed set of free ports: a uniformly random one in O(1). */
    public static FreePortPool indexedSet(int size, long seed) {
        return new IndexedSetFreePool(size, seed);
    }

    /** The intrusive FIFO of TIME-WAIT ports: exact expiry for one constant TIME-WAIT. */
    public static TimeWaitQueue fifo(int size) {
        return new FifoTimeWaitQueue(size);
    }

    /** The indexed 4-ary heap of TIME-WAIT ports: exact expiry, exact removal for reclaim. */
    public static TimeWaitQueue quaternaryHeap(int size) {
        return new QuaternaryHeapTimeWaitQueue(size);
    }

    /**
     * The ring allocator named {@code id} with one lock fused into it (thread-safe): every call
     * under the ring's monitor, a call at most {@code config}'s clock-skew tolerance behind acting
     * at the ring's clock.
     */
    public static PortAllocator lockedRing(String id, AllocatorConfig config) {
        Checks.checkNotNull("id", id);
        Checks.checkNotNull("config", config);
        checkTolerance(config.clockSkewToleranceNanos());
        return new LockedRingPortAllocator(id, config);
    }

    /**
     * The fused ring allocator named {@code id}: free ports and TIME-WAIT ports in one ring, state
     * and deadline in one long per port, lazy exact expiry, {@code config}'s expiry quota.
     */
    public static PortAllocator ring(String id, AllocatorConfig config) {
        Checks.checkNotNull("id", id);
        Checks.checkNotNull("config", config);
        return new RingPortAllocator(id, config);
    }

    /**
     * For footprint and scale measurements only: the ring allocator over {@code addresses} copies
     * of {@code config}'s range side by side, as a NAT with that many public addresses would hold
     * them, numbered as one range: address {@code a}'s port {@code p} is number
     * {@code firstPort + a * rangeSize + (p - firstPort)}, so numbers run past 65535. The normal
     * configuration keeps its 1..65535 check; this is the one way past it.
     *
     * @throws IllegalArgumentException unless {@code 1 <= addresses} and the numbers fit an int
     */
    public static PortAllocator ringSideBySide(String id, AllocatorConfig config, int addresses) {
        Checks.checkNotNull("id", id);
        Checks.checkNotNull("config", config);
        Checks.checkPositive("addresses", addresses);
        if ((long) config.rangeSize() * addresses + config.firstPort() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("addresses: " + addresses + " (expected: at most "
                    + (Integer.MAX_VALUE - config.firstPort()) / config.rangeSize() + " ranges of " + config.rangeSize() + ")");
        }
        return new RingPortAllocator(id, config, addresses);
    }

    /** The hashed timing wheel of TIME-WAIT ports: never early, less than one tick late. */
    public static TimeWaitQueue timingWheel(int size, long timeWaitNanos, long tickNanos) {
        return new TimingWheelTimeWaitQueue(size, timeWaitNanos, tickNanos);
    }

    /**
     * {@code allocator} behind one lock, named {@code id}: thread-safe, linearizable, blocking.
     * Calls up to {@code clockSkewToleranceNanos} behind the latest accepted time act at it.
     */
    public static PortAllocator locked(String id, PortAllocator allocator, long clockSkewToleranceNanos) {
        Checks.checkNotNull("id", id);
        Checks.checkNotNull("allocator", allocator);
        checkTolerance(clockSkewToleranceNanos);
        if (allocator.inUseCount() != 0 || allocator.timeWaitCount() != 0) {
            throw new IllegalArgumentException("allocator: " + allocator + " (expected: a new one, every port free)");
        }
        return new LockedPortAllocator(id, allocator, clockSkewToleranceNanos);
    }

    /**
     * A sharded thread-safe allocator named {@code id} over {@code config}'s range: {@code shards}
     * shards (a power of two, at most the range size), shard {@code i} built by {@code shard} for
     * its part of the range.
     */
    public static PortAllocator sharded(String id, AllocatorConfig config, int shards,
                                        java.util.function.Function<AllocatorConfig, PortAllocator> shard) {
        Checks.checkNotNull("shard", shard);
        return shardedOf(id, config, shards, i -> new Shard(shard.apply(shardConfig(config, i, shards))));
    }

    /**
     * The sharded ring named {@code id} over {@code config}'s range: {@code shards} shards (a power
     * of two, at most the range size), each a ring with its lock fused in (no wrapper layer).
     */
    public static PortAllocator shardedRing(String id, AllocatorConfig config, int shards) {
        return shardedOf(id, config, shards, i -> new RingShard(id, shardConfig(config, i, shards)));
    }

    /** The checked arguments of both sharded factories, shard {@code i} built by {@code shardOf}. */
    private static PortAllocator shardedOf(String id, AllocatorConfig config, int shards,
                                           java.util.function.IntFunction<ShardPart> shardOf) {
        Checks.checkNotNull("id", id);
        Checks.checkNotNull("config", config);
        Checks.checkPowerOfTwo("shards", shards);
        Checks.checkAtMost("shards", shards, config.rangeSize(), "the range size");
        return new ShardedPortAllocator(id, config.firstPort(), config.lastPort(), config.timeWaitNanos(), shards, shardOf,
                config.clockSkewToleranceNanos());
    }

    /** {@code config} over shard {@code i}'s part of its range, of {@code shards}. */
    private static AllocatorConfig shardConfig(AllocatorConfig config, int i, int shards) {
        int size = config.rangeSize();
        int first = config.firstPort() + ShardedPortAllocator.firstOffset(i, shards, size);
        int last = config.firstPort() + ShardedPortAllocator.firstOffset(i + 1, shards, size) - 1;
        return config.toBuilder().portRange(first, last).build();
    }

    /**
     * The compare-and-set bitset allocator named {@code id} over {@code config}'s range: free ports
     * taken lock-free, TIME-WAIT in {@code stripes} stripes (a power of two; fewer if the range has
     * fewer 64-port words) each under its own lock. Thread-safe, linearizable.
     */
    public static PortAllocator casBitset(String id, AllocatorConfig config, int stripes) {
        Checks.checkNotNull("id", id);
        Checks.checkNotNull("config", config);
        Checks.checkPowerOfTwo("stripes", stripes);
        checkNoExpiryQuota(id, config);
        return new CasBitsetPortAllocator(id, config, stripes);
    }

    /**
     * Refuses an expiry quota for the allocator named {@code id}, which takes none: only the rings
     * bound the ports freed per call.
     *
     * @throws IllegalArgumentException naming the quota
     */
    public static void checkNoExpiryQuota(String id, AllocatorConfig config) {
        if (config.expiryQuota() != 0) {
            throw new IllegalArgumentException("expiryQuota: " + config.expiryQuota() + " (expected: 0 for '" + id
                    + "'; only the rings (ring, locked-ring, sharded-ring) bound the ports freed per call)");
        }
    }

    /**
     * The shard count of a sharded allocator for {@code config}: {@link AllocatorConfig#shards()}
     * when set (at most the range size), else {@link #defaultShards}.
     *
     * @throws IllegalArgumentException if the configured count exceeds the range size
     */
    public static int shards(AllocatorConfig config) {
        Checks.checkNotNull("config", config);
        if (config.shards() == 0) {
            return defaultShards(config);
        }
        return (int) Checks.checkAtMost("shards", config.shards(), config.rangeSize(), "the range size");
    }

    /**
     * The default shard count for {@code config}: the processors this JVM may use rounded up to a
     * power of two, at least 2 (one home shard per core for threads created together), at most
     * the largest power of two within the range size.
     */
    public static int defaultShards(AllocatorConfig config) {
        int wanted = Math.max(2, Integer.highestOneBit(Math.max(1, 2 * Runtime.getRuntime().availableProcessors() - 1)));
        return Math.min(Math.min(wanted, 1 << 10), Integer.highestOneBit(config.rangeSize()));
    }

    private static void checkTolerance(long nanos) {
        if (nanos < 0 || nanos > AllocatorConfig.MAX_CLOCK_SKEW_TOLERANCE_NANOS) {
            throw new IllegalArgumentException("clockSkewToleranceNanos: " + nanos + " (expected: 0.."
                    + AllocatorConfig.MAX_CLOCK_SKEW_TOLERANCE_NANOS + ")");
        }
    }

    /**
     * The keyed mixer of the hash-based policies (SplitMix64's finalizer): well spread and stable,
     * not a cryptographic PRF. Shared with the destination-aware searches.
     */
    public static long mix(long z) {
        return ProbingFreePool.mix(z);
    }
}
