package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
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
 * allocators from {@link AllocatorType}.
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
        if (config.expiryQuota() != 0) {
            throw new IllegalArgumentException("expiryQuota: " + config.expiryQuota() + " (expected: 0 for '" + id
                    + "'; only " + AllocatorType.RING.id() + " bounds the ports freed per call)");
        }
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
     * The keyed mixer of the hash-based policies (SplitMix64's finalizer): well spread and stable,
     * not a cryptographic PRF. Shared with the destination-aware searches.
     */
    public static long mix(long z) {
        return ProbingFreePool.mix(z);
    }
}
