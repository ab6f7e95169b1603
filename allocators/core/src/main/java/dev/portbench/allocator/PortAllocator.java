package dev.portbench.allocator;

/**
 * Hands out the local ports of one range and takes them back through TIME-WAIT.
 *
 * <p>Every port of the range is in exactly one of three states:
 * <ul>
 *   <li><b>free</b>: {@link #allocate} may hand it out;</li>
 *   <li><b>in use</b>: handed out and not yet {@link #release released};</li>
 *   <li><b>TIME-WAIT</b>: released at time {@code r}; it becomes free again at its deadline
 *       {@code r + timeWaitNanos()}, never before, and at the latest
 *       {@code maxLatenessNanos()} after it (0 for the exact structures, one tick for a wheel).
 *       {@link #reclaim} ends it early, as Linux's {@code tcp_tw_reuse} or a received RST do.</li>
 * </ul>
 * {@code inUseCount() + timeWaitCount() + freeCount() == rangeSize()} holds after every call.
 *
 * <h2>Time</h2>
 * Time is a {@code long} count of nanoseconds from an arbitrary origin, like
 * {@link System#nanoTime()}: any start value works (negative, zero, near {@code Long.MAX_VALUE})
 * and the clock may wrap past {@code Long.MAX_VALUE}, because instants are only ever compared
 * through their difference. Two consequences, as for {@code nanoTime}: time must never go
 * backwards between calls, and the whole life of one allocator must span less than
 * 2<sup>63</sup> ns (292 years). Every method that takes {@code now} first expires every
 * TIME-WAIT due by {@code now}; the counts describe the allocator as of the last such call.
 *
 * <h2>Errors</h2>
 * Running out of ports is a normal answer ({@link #NO_PORT}), never an exception. Misuse is an
 * exception whose message names the bad value and what was allowed: a port outside the range
 * ({@link IllegalArgumentException}), time going backwards ({@link IllegalArgumentException}),
 * releasing a port that is not in use ({@link IllegalStateException}; a port whose TIME-WAIT
 * ends at or before {@code now} counts as free, and the message says when it ended), releasing
 * so late that the deadline would fall 2<sup>63</sup> ns or more after the first call
 * ({@link IllegalStateException}: the allocator's life is over). A {@code now} 2<sup>63</sup> ns or
 * more after the first call wraps to before it and is refused as time going backwards. When a
 * call is wrong in several ways, the first of these, in this order, is the one reported: the port's
 * range, then time going backwards (or past the life), then the port's state, then the end of the
 * life; every message names the offending port or time. A rejected call leaves the
 * allocator exactly as it was, clock included. Methods of this interface take only primitives;
 * elsewhere in this package a {@code null} argument (a configuration, a {@link java.time.Duration},
 * an id) is rejected with a {@link NullPointerException} naming the parameter, except where a
 * method documents {@code null} as a choice.
 *
 * <h2>Threads</h2>
 * Implementations are single-owner: not thread-safe, and meant to be driven by one thread (one
 * event loop, one NAT shard). Confine or lock them yourself.
 *
 * <p>Obtain implementations from {@link AllocatorType}, configured by {@link AllocatorConfig}.
 */
public interface PortAllocator {

    /** What {@link #allocate} answers when every port is in use or in TIME-WAIT. Never a port. */
    int NO_PORT = -1;

    /**
     * The destination key of callers that have no destination, or whose policy ignores it.
     * See {@link Destinations} for building real keys.
     */
    long ANY_DESTINATION = 0L;

    /**
     * Hands out a free port, or {@link #NO_PORT} when none is free at {@code now}.
     *
     * @param now the current time in nanoseconds; not before the previous call's
     * @return a port in {@code firstPort()..lastPort()}, now in use; or {@link #NO_PORT}
     * @throws IllegalArgumentException if {@code now} is before the previous call's time
     */
    default int allocate(long now) {
        return allocate(now, ANY_DESTINATION);
    }

    /**
     * Hands out a free port for a connection to {@code destination}, or {@link #NO_PORT}.
     * Destination-aware selection policies (RFC 6056 algorithms 3 and 4) pick the port from the
     * key; the others ignore it.
     *
     * @param now the current time in nanoseconds; not before the previous call's
     * @param destination a key of (local address, remote address, remote port), see {@link Destinations}
     * @return a port in {@code firstPort()..lastPort()}, now in use; or {@link #NO_PORT}
     * @throws IllegalArgumentException if {@code now} is before the previous call's time
     */
    int allocate(long now, long destination);

    /**
     * The connection on {@code port} closed: the port enters TIME-WAIT until
     * {@code now + timeWaitNanos()}.
     *
     * @throws IllegalArgumentException if {@code port} is outside the range or time went backwards
     *     (checked in that order, before the state)
     * @throws IllegalStateException if {@code port} is not in use at {@code now} (free, or already
     *     released; a port whose TIME-WAIT has ended by {@code now} is free), or if its deadline
     *     {@code now + timeWaitNanos()} would fall 2<sup>63</sup> ns or more after this allocator's
     *     first call (the end of its life; see Time above)
     */
    void release(int port, long now);

    /**
     * Ends the TIME-WAIT of {@code port} early: it is free at once.
     *
     * @return whether the port was in TIME-WAIT at {@code now}; {@code false} (and no change) if
     *     it was free, in use, or its TIME-WAIT had already ended by {@code now}
     * @throws IllegalArgumentException if {@code port} is outside the range or time went backwards
     */
    boolean reclaim(int port, long now);

    /**
     * Frees every port whose TIME-WAIT is due by {@code now} (within the lateness bound).
     *
     * @return how many ports this call freed
     * @throws IllegalArgumentException if time went backwards
     */
    int expire(long now);

    /**
     * The earliest time at which this allocator will free a port now in TIME-WAIT, if nothing
     * reclaims it first: a caller with no free port can wait until then instead of spinning.
     * Exact structures answer the earliest deadline; a wheel answers the end of that deadline's tick.
     *
     * @throws IllegalStateException if no port is in TIME-WAIT ({@code timeWaitCount() == 0})
     */
    long nextExpiryTime();

    /** Ports handed out and not yet released. */
    int inUseCount();

    /**
     * Candidate ports {@link #allocate} has examined since this allocator was created: one per
     * random try, and for a linear probe the ports passed over plus one. Divided by the number of
     * allocations it is the search cost of the selection policy, which grows near exhaustion.
     */
    long probes();

    /** Ports released whose TIME-WAIT has not ended. */
    int timeWaitCount();

    /** Ports {@link #allocate} may hand out: {@code rangeSize() - inUseCount() - timeWaitCount()}. */
    int freeCount();

    /** The lowest port of the range. */
    int firstPort();

    /** The highest port of the range, inclusive. */
    int lastPort();

    /** {@code lastPort() - firstPort() + 1}. */
    default int rangeSize() {
        return lastPort() - firstPort() + 1;
    }

    /** How long a released port stays in TIME-WAIT, in nanoseconds. */
    long timeWaitNanos();

    /**
     * How late after its deadline a TIME-WAIT port may still be unavailable, in nanoseconds:
     * 0 for exact structures, the tick for a wheel. Never negative: no port is ever freed early.
     */
    long maxLatenessNanos();

    /** Which port this allocator picks among the free ones. */
    PortSelection selection();

    /** A short stable identifier, e.g. {@code "fifo"}: used in benchmark and report tables. */
    String name();

    /** One line: the free-port structure, the TIME-WAIT structure and their costs. */
    String description();
}
