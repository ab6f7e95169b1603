package dev.portbench.allocator.connection;

/**
 * The order in which a {@link ComposedConnectionAllocator} tries ports: its selection policy.
 * Every search stops after one lap of the range, so it never runs forever and never misses a
 * usable port (no false exhaustion).
 */
interface PortSearch {

    /** The first offset in this policy's order that {@code candidates} says a connect may take, or -1. */
    int connect(long destination, ConnectionCandidates candidates);

    /** The first offset in this policy's order with no entry at all, or -1. */
    int bind(ConnectionCandidates candidates);

    /** An entry (offset, destination) was added. */
    void entryAdded(int offset, long destination);

    /** The entry (offset, destination) was removed. */
    void entryRemoved(int offset, long destination);

    /** {@code offset} lost its last entry. */
    void portIdle(int offset);

    /** {@code offset} got its first entry. */
    void portBusy(int offset);

    /** Candidates examined since construction. */
    long probes();

    /** The policy and its cost. */
    String describe();
}
