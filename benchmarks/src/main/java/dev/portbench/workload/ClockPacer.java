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

    /**
     * @param threads how many threads replay
     * @param maxDriftNanos how far ahead of the slowest thread, in virtual time, a thread may run
     */
    public ClockPacer(int threads, long maxDriftNanos) {
        if (threads < 1 || maxDriftNanos <= 0) {
            throw new IllegalArgumentException("threads: " + threads + ", maxDriftNanos: " + maxDriftNanos
                    + " (expected: >= 1 and > 0)");
        }
        this.threads = threads;
        this.maxDrift = maxDriftNanos;
        this.times = new AtomicLongArray(threads * STRIDE);
        for (int i = 0; i < threads; i++) {
            times.set(i * STRIDE, IDLE);
        }
    }

    /** The drift allowed for {@code trace}: a 64th of its TIME-WAIT. */
    public static long driftFor(Trace trace) {
        return Math.max(1, trace.workload().timeWaitNanos() / 64);
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
                deadline = System.nanoTime() + MAX_WAIT_NANOS;
            } else if (System.nanoTime() - deadline > 0) {
                return;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Thread {@code index} stopped replaying: the others no longer wait for it. */
    public void leave(int index) {
        times.setRelease(index * STRIDE, IDLE);
    }
}
