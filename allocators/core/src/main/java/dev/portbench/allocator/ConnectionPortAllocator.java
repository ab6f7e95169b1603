package dev.portbench.allocator;

/**
 * Hands out local ports per connection, keyed by destination as real stacks key them: a port is
 * taken by a (port, destination) <em>entry</em>, and one port may carry entries for many
 * destinations at once. The sibling of {@link PortAllocator}, whose one global pool is the
 * special case of every connection being {@link #bind bound}.
 *
 * <h2>Entries</h2>
 * An entry is in use from {@link #connect} or {@link #bind} until {@link #release}, then in
 * TIME-WAIT until its deadline {@code release + timeWaitNanos()}: never freed before it, and at
 * most {@code maxLatenessNanos()} after it (the configured granularity of a kernel timer wheel;
 * 0 for exact expiry). {@link #reclaim} ends one early (a received RST).
 * <ul>
 *   <li><b>connect-style</b> ({@code connect()}, and {@code bind()} with
 *       {@code IP_BIND_ADDRESS_NO_PORT}): a connect to destination D may take any port that has no
 *       entry with D and no bound entry; it answers {@link #NO_PORT} only when no such port exists
 *       (no false exhaustion). A TIME-WAIT entry (port, D) whose release is at least
 *       {@link ConnectionAllocatorConfig#reuseDelayNanos()} old may be taken over when the
 *       {@link TimeWaitReuse} mode allows it for D: on demand, when the search reaches that port,
 *       as Linux's {@code __inet_check_established()} / {@code twsk_unique()} do.</li>
 *   <li><b>bind-style</b> ({@code bind(addr, 0)} before {@code connect()}): the port is chosen
 *       before the destination is known, so it needs a port with no entry at all, and the entry
 *       blocks the port for every destination until it is released and its TIME-WAIT ends. A bound
 *       TIME-WAIT entry is never reused.</li>
 * </ul>
 * {@code inUseCount() + timeWaitCount()} is the number of entries; {@code busyPortCount()} the
 * ports with at least one.
 *
 * <h2>Destinations</h2>
 * Keys from {@link Destinations#ipv4}: a remote address other than 0.0.0.0 and a remote port other
 * than 0 ({@link Destinations#checkConnectable}); {@link TimeWaitReuse#LOOPBACK_ONLY} applies to
 * remote addresses in 127.0.0.0/8.
 *
 * <h2>Time, errors, threads</h2>
 * As {@link PortAllocator}: nanoseconds from any origin, never backwards; every method that takes
 * {@code now} first expires what is due. Running out is {@link #NO_PORT}; misuse (a port outside
 * the range, a destination that is no peer, releasing a connection that is not in use, time going
 * backwards) is an exception naming the value and what was allowed, and leaves the allocator as it
 * was. Single-owner, not thread-safe.
 *
 * <p>Obtain implementations from {@link ConnectionAllocatorType}, configured by {@link ConnectionAllocatorConfig}.
 */
public interface ConnectionPortAllocator {

    /** What {@link #connect} and {@link #bind} answer when no port is usable. Never a port. */
    int NO_PORT = -1;

    /**
     * {@code connect()}: a port whose 4-tuple with {@code destination} is unused, now in use for it.
     *
     * @return a port in {@code firstPort()..lastPort()}; or {@link #NO_PORT} (Linux: {@code EADDRNOTAVAIL})
     * @throws IllegalArgumentException if {@code destination} is no peer or time went backwards
     */
    int connect(long now, long destination);

    /**
     * {@code bind(addr, 0)} then {@code connect(destination)}: a port with no entry at all, now
     * held by this connection alone.
     *
     * @return a port in {@code firstPort()..lastPort()}; or {@link #NO_PORT} (Linux: {@code EADDRINUSE})
     * @throws IllegalArgumentException if {@code destination} is no peer or time went backwards
     */
    int bind(long now, long destination);

    /**
     * The connection (port, destination) closed: its entry enters TIME-WAIT.
     *
     * @throws IllegalArgumentException if {@code port} is outside the range, the destination is no peer, or time went backwards
     * @throws IllegalStateException if no connection (port, destination) is in use
     */
    void release(int port, long destination, long now);

    /**
     * Ends the TIME-WAIT of the entry (port, destination) early.
     *
     * @return whether it was in TIME-WAIT at {@code now}; {@code false} (and no change) otherwise
     * @throws IllegalArgumentException if {@code port} is outside the range, the destination is no peer, or time went backwards
     */
    boolean reclaim(int port, long destination, long now);

    /**
     * Frees every TIME-WAIT entry due by {@code now} (with the configured granularity).
     *
     * @return how many entries this call freed
     * @throws IllegalArgumentException if time went backwards
     */
    int expire(long now);

    /**
     * When the earliest TIME-WAIT entry will be freed if nothing reclaims it first.
     *
     * @throws IllegalStateException if no entry is in TIME-WAIT
     */
    long nextExpiryTime();

    /** Connections in use. */
    int inUseCount();

    /** Entries in TIME-WAIT. */
    int timeWaitCount();

    /** Ports with at least one entry (in use or TIME-WAIT, any destination). */
    int busyPortCount();

    /** TIME-WAIT entries taken over by connects ({@code tcp_tw_reuse}) since creation. */
    long reuses();

    /** Candidate ports examined by {@link #connect} and {@link #bind} since creation. */
    long probes();

    /** The lowest port of the range. */
    int firstPort();

    /** The highest port of the range, inclusive. */
    int lastPort();

    /** {@code lastPort() - firstPort() + 1}. */
    default int rangeSize() {
        return lastPort() - firstPort() + 1;
    }

    /** How long a released entry stays in TIME-WAIT, in nanoseconds. */
    long timeWaitNanos();

    /** How late after its deadline an entry may still be in TIME-WAIT: the configured granularity. */
    long maxLatenessNanos();

    /** The short stable identifier, e.g. {@code "pair-table"}. */
    String name();

    /** One line: the structures and their costs. */
    String description();
}
