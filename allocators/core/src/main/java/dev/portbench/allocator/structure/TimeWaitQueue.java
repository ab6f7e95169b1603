package dev.portbench.allocator.structure;

/**
 * The ports in TIME-WAIT of one allocator, as offsets from its first port, ordered by deadline.
 *
 * <p>Times here are relative: nanoseconds since the allocator's first call, so they are never
 * negative and plain comparisons are safe (see {@link Structures#compose}). The owner calls
 * these methods only with valid arguments: {@link #add} with an offset not in the queue and a
 * deadline no earlier than any earlier one's, {@link #remove} with an offset in the queue,
 * {@link #expire} with times that never decrease.
 */
public interface TimeWaitQueue {

    /** {@code offset} enters TIME-WAIT until {@code deadline}. */
    void add(int offset, long deadline);

    /** Ends the TIME-WAIT of {@code offset}, which is in the queue, early. */
    void remove(int offset);

    /**
     * Hands every offset due at {@code now} (deadline {@code <= now}, within the lateness bound)
     * to {@code sink}, and removes it.
     *
     * @return how many offsets were handed out
     */
    int expire(long now, ExpiredPortSink sink);

    /**
     * The earliest time at which {@link #expire} will hand out an offset, if nothing is removed
     * first. Called only while the queue is not empty.
     */
    long nextExpiry();

    /**
     * When the TIME-WAIT of {@code offset}, which is in the queue, ends: its deadline, or for a
     * wheel that keeps no deadlines, the tick boundary at which {@link #expire} will hand it out.
     * Used on the error path only, to tell a double release from a release of a port whose
     * TIME-WAIT has just ended; O(1) in every structure of this library. The default,
     * {@code Long.MAX_VALUE}, means "not known": such a port is then reported as in TIME-WAIT.
     */
    default long endOf(int offset) {
        return Long.MAX_VALUE;
    }

    /** How late after its deadline an offset may be handed out, in nanoseconds; never negative. */
    long maxLatenessNanos();

    /** The structure and its cost, for the documentation and the report. */
    String describe();
}
