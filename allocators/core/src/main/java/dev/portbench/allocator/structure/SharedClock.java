package dev.portbench.allocator.structure;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The clock check of a thread-safe allocator: rejects a {@code now} that is further behind the
 * latest time any thread presented than the configured tolerance, or 2<sup>63</sup> ns or more
 * past the allocator's first call, without writing shared memory on the common path.
 *
 * <h2>Implementation notes</h2>
 * {@link #latest} is a coarse maximum: a call moves it only when its {@code now} is more than
 * the tolerance ahead, with one compare-and-set (no retry loop: a failed one means another thread
 * moved it). So it lags the true maximum by at most the tolerance, and with a tolerance of 0 it is
 * exact. A call is accepted when {@code now >= latest - tolerance}: any call at most the
 * tolerance behind the true maximum is accepted, any call more than twice the tolerance behind is
 * rejected. With a generous tolerance the line holding {@link #latest} is almost never written,
 * so threads do not contend on it. Every comparison is made relative to the first call
 * ({@link Lifetime#relative}), so none overflows anywhere in the allocator's life.
 *
 * <p>The owner starts the clock once, under this object's monitor, at its first call that can be
 * accepted ({@link #start}), and starts its parts (shards, stripes) at that same instant, so that
 * every part's life is the allocator's.
 *
 * <p>Thread-safe, lock-free after the start; O(1), no allocation.
 */
final class SharedClock {

    private static final VarHandle LATEST;

    static {
        try {
            LATEST = MethodHandles.lookup().findVarHandle(SharedClock.class, "latest", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long tolerance;
    private volatile boolean started;
    private volatile long latest;
    /** The first accepted call's time; written before {@link #started}, meaningful once it is set. */
    private long origin;

    SharedClock(long toleranceNanos) {
        this.tolerance = toleranceNanos;
    }

    long toleranceNanos() {
        return tolerance;
    }

    /**
     * Checks {@code now}; changes nothing. Before the start every time is accepted.
     *
     * @throws IllegalArgumentException if {@code now} is more than the tolerance behind the clock,
     *     or 2<sup>63</sup> ns or more past the first call
     */
    void check(long now) {
        if (started) {
            Lifetime.relative(now, origin, latest - origin, tolerance);
        }
    }

    /** Whether the clock was started. */
    boolean started() {
        return started;
    }

    /** The first accepted call's {@code now}; only meaningful once {@link #started()}. */
    long origin() {
        return origin;
    }

    /**
     * Starts the clock at {@code now}: the owner calls it holding this object's monitor, after
     * it has seen {@link #started()} false under that monitor and started its parts at {@code now}.
     */
    void start(long now) {
        origin = now;
        latest = now;
        started = true;
    }

    /** Records that a call at {@code now} was accepted and done (after {@link #start}). */
    void advance(long now) {
        long latestSeen = latest;
        if (now - latestSeen > tolerance) {
            LATEST.compareAndSet(this, latestSeen, now);
        }
    }
}
