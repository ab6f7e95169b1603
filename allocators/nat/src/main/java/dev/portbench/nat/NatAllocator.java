package dev.portbench.nat;

/**
 * Maps internal flows to external (address, port) pairs, as a NAT, a CGN or a cloud NAT gateway
 * does. The sibling of the core's {@code PortAllocator} (one host's ports) and
 * {@code ConnectionPortAllocator} (one host's ports keyed by destination).
 *
 * <h2>Flows and mappings</h2>
 * A flow is (internal address, internal port, destination address, destination port, protocol),
 * protocol {@link NatPairs#TCP} or {@link NatPairs#UDP}. {@link #map} gives it an external pair
 * and a live mapping. Under {@link MappingBehaviour#ENDPOINT_INDEPENDENT} the mapping is keyed by
 * the internal endpoint (address, port, protocol): every flow of the endpoint gets the same pair and
 * shares that mapping and its timer, and closing any of them closes it. Under
 * {@link MappingBehaviour#ADDRESS_AND_PORT_DEPENDENT} each flow has its own mapping, and a pair
 * carries at most one mapping per destination (address, port, protocol). The external port space
 * is shared by TCP and UDP: under EIM a pair belongs to one endpoint of either protocol (conservative).
 *
 * <h2>Timers</h2>
 * Every live mapping is in one {@link TimerState} and ends at its deadline, the time of its last
 * timer start plus that state's timeout ({@link NatConfig#timeoutNanos}): never before it, and at
 * most {@link #maxLatenessNanos()} after it. {@link #map} on an existing mapping restarts an open
 * one's idle timer, and reopens a closing one (a new SYN on a TIME-WAIT flow, as netfilter
 * does) on the same pair. {@link #close} turns an open mapping into {@link TimerState#TRANSITORY}
 * (FIN) or {@link TimerState#RST_COOLDOWN} (RST), or ends it at once ({@link CloseKind#IDLE}).
 * A pair is free for another flow only once no live mapping holds it (for that destination, under
 * the dependent behaviour).
 *
 * <h2>Time</h2>
 * As the core's {@code PortAllocator}: a {@code long} of nanoseconds from any origin, compared by
 * differences only, never backwards, the life of one allocator under 2<sup>63</sup> ns. A mapping
 * is over at its deadline for every method that takes {@code now} (and for the counts after it);
 * giving its pair back may be deferred, at most {@link NatConfig#expiryBudget()} such ends per
 * call, so that a mass timeout is not paid by one call, but {@link #map} never fails while ending
 * a due mapping would let it succeed, and {@link #expire} ends everything due.
 *
 * <h2>Errors</h2>
 * Running out is a normal answer, a negative result naming a {@link NatFailure}, never an
 * exception. Misuse is an {@link IllegalArgumentException} naming the value and what was allowed
 * (a protocol other than TCP or UDP, port 0 or above 65535, destination address 0.0.0.0, time going
 * backwards), or an {@link IllegalStateException} for closing a flow with no open mapping; a
 * rejected call leaves the allocator exactly as it was, clock included.
 *
 * <h2>Threads</h2>
 * Single-owner, not thread-safe: one allocator per NAT shard or worker.
 *
 * <p>Obtain implementations from {@link NatCatalog}, configured by {@link NatConfig}.
 */
public interface NatAllocator {

    /**
     * The flow's external pair ({@link NatPairs}), mapping it first if it has no live mapping;
     * or a negative {@link NatFailure#result()} saying why no pair could be given.
     *
     * @throws IllegalArgumentException for a bad flow field or time going backwards
     */
    long map(int internalAddress, int internalPort, int destinationAddress, int destinationPort, int protocol, long now);

    /**
     * The flow's external pair if it has a live mapping at {@code now}, else
     * {@link NatFailure#NOT_FOUND}'s result. Restarts no timer.
     *
     * @throws IllegalArgumentException for a bad flow field or time going backwards
     */
    long lookup(int internalAddress, int internalPort, int destinationAddress, int destinationPort, int protocol, long now);

    /**
     * The timer state of the flow's live mapping at {@code now}, or {@code null} if it has none.
     *
     * @throws IllegalArgumentException for a bad flow field or time going backwards
     */
    TimerState timerState(int internalAddress, int internalPort, int destinationAddress, int destinationPort, int protocol, long now);

    /**
     * Ends the flow's open mapping: FIN and RST start the closing timers, IDLE frees the pair now.
     *
     * @throws IllegalArgumentException for a bad flow field or time going backwards
     * @throws IllegalStateException if the flow has no open ({@link TimerState#isOpen()}) mapping at {@code now}
     */
    void close(int internalAddress, int internalPort, int destinationAddress, int destinationPort, int protocol,
            CloseKind kind, long now);

    /**
     * Ends every mapping due by {@code now}, those whose ends earlier calls deferred included.
     *
     * @return how many mappings reached their deadlines since the previous call (after it, by {@code now})
     * @throws IllegalArgumentException if time went backwards
     */
    int expire(long now);

    /**
     * The earliest deadline among live mappings (exact: that deadline itself).
     *
     * @throws IllegalStateException if no mapping is live
     */
    long nextExpiryTime();

    /** Live mappings, every state. */
    int liveMappings();

    /** Live mappings in {@code state}. */
    int liveMappings(TimerState state);

    /** Internal hosts with at least one live mapping (or, with port blocks, at least one block). */
    int activeHosts();

    /** Mappings created since this allocator was built (not counting timer restarts and reopenings). */
    long mappingsCreated();

    /** How often {@link #map} answered {@code failure} since this allocator was built. */
    long failures(NatFailure failure);

    /** Candidate pairs examined by the search since this allocator was built. */
    long probes();

    /**
     * Closing mappings evicted to make room (netfilter since Linux 6.5 evicts colliding
     * TIME_WAIT / CLOSE entries); 0 for the policies that never evict.
     */
    long evictions();

    /**
     * Port-block log records written since this allocator was built: one per block allocation and
     * one per block release (RFC 7422); 0 without port blocks.
     */
    long blockLogRecords();

    /** Port blocks held now; 0 without port blocks. */
    int blocksInUse();

    /** How late after its deadline a mapping may still be live, in nanoseconds; never negative. */
    long maxLatenessNanos();

    /** The configuration this allocator was built with. */
    NatConfig config();

    /** A short stable identifier, e.g. {@code "exact"}: used in benchmark and report tables. */
    String name();

    /** One line: the search policy, the structures and their costs. */
    String description();
}
