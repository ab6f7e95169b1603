package dev.portbench.allocator.structure;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The clock check of a thread-safe allocator: rejects a {@code now} that is further behind the
 * latest time any thread presented than the configured tolerance, without writing shared memory
 * on the common path.
 *
 * <h2>Implementation notes</h2>
 * {@link #latest} is a coarse maximum: a call moves it only when its {@code now} is more than
 * the tolerance ahead, with one compare-and-set (no retry loop: a failed one means another thread
 * moved it). So it lags the true maximum by at most the tolerance, and with a tolerance of 0 it is
 * exact. A call is accepted when {@code now >= latest - tolerance}: any call at most the
 * tolerance behind the true maximum is accepted, any call more than twice the tolerance behind is
 * rejected. With a generous tolerance the line holding {@link #latest} is almost never written,
 * so threads do not contend on it.
 *
 * <p>Thread-safe, lock-free; O(1), no allocation.
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
    /** The first accepted call's time; meaningful once {@link #started}. */
    private long origin;

    SharedClock(long toleranceNanos) {
        this.tolerance = toleranceNanos;
    }

    long toleranceNanos() {
        return tolerance;
    }

    /**
     * Checks {@code now}; changes nothing.
     *
     * @throws IllegalArgumentException if {@code now} is more than the tolerance behind the clock
     */
    void check(long now) {
        if (started) {
            long latestSeen = latest;
            if (now - latestSeen < -tolerance) {
                throw new IllegalArgumentException("now: " + now + " (expected: at or after the previous time "
                        + latestSeen + (tolerance == 0 ? "" : " minus the clock-skew tolerance of " + tolerance + " ns")
                        + "; time must not go backwards, nor run 2^63 ns past the first call)");
            }
        }
    }

    /** Whether a call was accepted yet. */
    boolean started() {
        return started;
    }

    /** The first accepted call's {@code now}; only meaningful once {@link #started()}. */
    long origin() {
        return origin;
    }

    /** Records that a call at {@code now} was accepted and done (the first one under this clock's monitor, once). */
    void advance(long now) {
        if (!started) {
            synchronized (this) {
                if (!started) {
                    origin = now;
                    latest = now;
                    started = true;
                    return;
                }
            }
        }
        long latestSeen = latest;
        if (now - latestSeen > tolerance) {
            LATEST.compareAndSet(this, latestSeen, now);
        }
    }
}
