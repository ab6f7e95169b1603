package dev.portbench.allocator.structure;

/**
 * The clock of one lock-guarded part of a thread-safe allocator (the whole of a locked allocator,
 * one shard of a sharded one): turns a caller's {@code now}, which may be a little behind because
 * another thread's later time got in first, into a time the guarded single-owner allocator
 * accepts.
 *
 * <p>{@link #effective} answers {@code max(now, clock)} for a {@code now} at most the tolerance
 * behind: a late call acts at the clock. A port released by such a call starts its TIME-WAIT at
 * the clock, after the caller's own {@code now}, so it is never freed early from any caller's
 * point of view, and late by at most the skew. Times are held relative to the first accepted call
 * and compared by {@link Lifetime#relative}, so no comparison overflows anywhere in the
 * 2<sup>63</sup> ns life. Only {@link #accepted} moves the clock, so a call rejected by the
 * guarded allocator leaves it as it was.
 *
 * <p>Not thread-safe: used under the lock it belongs to. O(1), no allocation.
 */
final class SkewClamp {

    private boolean started;
    private long origin;
    /** The last accepted time, relative to {@link #origin}. */
    private long clock;

    /**
     * The time the guarded allocator should act at for a call at {@code now}.
     *
     * @throws IllegalArgumentException if {@code now} is more than {@code toleranceNanos} behind
     *     the clock, or 2<sup>63</sup> ns or more past the first accepted call
     */
    long effective(long now, long toleranceNanos) {
        return started ? origin + Lifetime.relative(now, origin, clock, toleranceNanos) : now;
    }

    /** The guarded allocator accepted a call at {@code effective}. */
    void accepted(long effective) {
        if (!started) {
            started = true;
            origin = effective;
        }
        clock = effective - origin;
    }
}
