package dev.portbench.workload;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps threads that replay slices of one trace on one shared allocator within a bounded drift of
 * each other's virtual time. Each thread replays its slice on its own clock; left alone, a thread
 * that the scheduler stalls falls behind by many TIME-WAITs, and the allocator (which acts at its
 * latest time for a caller who is behind) would see that thread's events pile up at one instant:
 * a different workload. So every {@link #CHECK_EVERY} events a thread publishes its time and, if
 * it is more than {@code maxDriftNanos} ahead of the slowest thread, waits for it: briefly
 * spinning, then yielding, never longer than {@link #MAX_WAIT_NANOS} of wall time per check (a
 * thread that stopped replaying must not stall the others).
 *
 * <p>Threads read their peers' slots (one cache line each) once per {@link #CHECK_EVERY} events;
 * the pacing is part of the harness, the same for every allocator. Thread-safe.
 */
public final class ClockPacer {

    /** Events between two checks. */
    public static final int CHECK_EVERY = 64;
    /** The longest one check waits for a slower thread, in wall-clock nanoseconds. */
    public static final long MAX_WAIT_NANOS = 2_000_000L;
    /** Longs per slot: one slot per 128 bytes, so that two threads never write one cache line. */
    private static final int STRIDE = 16;
    private static final long IDLE = Long.MIN_VALUE;

    private final AtomicLongArray times;
    private final int threads;
    private final long maxDrift;
    private final long maxWait;

    /**
     * @param threads how many threads replay
     * @param maxDriftNanos how far ahead of the slowest thread, in virtual time, a thread may run
     */
    public ClockPacer(int threads, long maxDriftNanos) {
        this(threads, maxDriftNanos, MAX_WAIT_NANOS);
    }

    /** As above, a check giving up after {@code maxWaitNanos} of wall time (tests: {@code Long.MAX_VALUE}, never). */
    ClockPacer(int threads, long maxDriftNanos, long maxWaitNanos) {
        if (threads < 1 || maxDriftNanos <= 0 || maxWaitNanos <= 0) {
            throw new IllegalArgumentException("threads: " + threads + ", maxDriftNanos: " + maxDriftNanos
                    + ", maxWaitNanos: " + maxWaitNanos + " (expected: >= 1, > 0 and > 0)");
        }
        this.threads = threads;
        this.maxDrift = maxDriftNanos;
        this.maxWait = maxWaitNanos;
        this.times = new AtomicLongArray(threads * STRIDE);
        for (int i = 0; i < threads; i++) {
            times.set(i * STRIDE, IDLE);
        }
    }

    /** Pacing checks a thread may run ahead of the slowest, at least (see {@link #driftFor}). */
    public static final int MIN_CHECKS_OF_DRIFT = 4;

    /**
     * The drift allowed for {@code threads} threads replaying slices of {@code trace}: a 64th of its
     * TIME-WAIT, or {@link #MIN_CHECKS_OF_DRIFT} checks' worth of a slice's virtual time if that is
     * more, but never more than a 16th of the TIME-WAIT (a call that far behind acts at the
     * allocator's time: its port waits that much longer). A drift shorter than one check's worth
     * (3.9 s of virtual time per check against 3.75 s of drift, on q170791-rho0.99 at 2 threads)
     * held the threads in lockstep: one of them waited at nearly every check.
     *
     * @throws IllegalArgumentException unless {@code threads >= 1}
     */
    public static long driftFor(Trace trace, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        long check = (long) ((double) trace.lapNanos() * threads / Math.max(1, trace.size()) * CHECK_EVERY);
        long timeWait = trace.workload().timeWaitNanos();
        return Math.max(1, Math.max(timeWait / 64, Math.min(timeWait / 16, MIN_CHECKS_OF_DRIFT * check)));
    }

    /** Thread {@code index} is at virtual time {@code now}; waits (boundedly) while it is too far ahead. */
    public void pace(int index, long now) {
        times.setRelease(index * STRIDE, now);
        if (threads == 1) {
            return;
        }
        long deadline = 0;
        for (int spins = 0; ; spins++) {
            long slowest = now;
            for (int i = 0; i < threads; i++) {
                long t = times.getAcquire(i * STRIDE);
                if (t != IDLE && t - slowest < 0) {
                    slowest = t;
                }
            }
            if (now - slowest <= maxDrift) {
                return;
            }
            if (spins == 0) {
                deadline = maxWait == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + maxWait;
            } else if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                return;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** The virtual time thread {@code index} last published, or {@code Long.MIN_VALUE} if it is idle. */
    long publishedTime(int index) {
        return times.getAcquire(index * STRIDE);
    }

    /** Thread {@code index} stopped replaying: the others no longer wait for it. */
    public void leave(int index) {
        times.setRelease(index * STRIDE, IDLE);
    }
}
