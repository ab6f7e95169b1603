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
