package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortSelection;

/**
 * The free ports of one allocator, as offsets {@code 0..size-1} from its first port, and the
 * policy that picks which one to hand out. The owning composition ({@link Structures#compose}) keeps every
 * port's state and the counts, and calls these methods only with valid offsets: a pool holds no
 * duplicate, is never asked for an offset it does not hold, and checks nothing on its hot path.
 */
public interface FreePortPool {

    /**
     * Removes and answers a free offset chosen by the pool's policy, or -1 if the policy found
     * none. Called only while the pool holds at least one offset; a policy with bounded tries
     * (RFC 6056 algorithm 2) may still answer -1 then, a false exhaustion.
     */
    int take(long destination);

    /** Adds {@code offset}, which the pool does not hold: a port became free. */
    void add(int offset);

    /**
     * Candidate ports examined by {@link #take} since construction: 1 per random try, the ports
     * passed over plus one for a linear probe. The measure of search cost near exhaustion.
     */
    long probes();

    /** The policy this pool follows. */
    PortSelection selection();

    /** Bytes this pool keeps per port of the range, for the documentation and the report. */
    String describe();

    /** How many offsets a linear probe passes from {@code from} to reach {@code to} in a ring of {@code size}. */
    static int ringDistance(int from, int to, int size) {
        return to >= from ? to - from : size - from + to;
    }
}
