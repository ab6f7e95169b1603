package dev.portbench.allocator.structure;

/**
 * The clock of one lock-guarded part of a thread-safe allocator (the whole of a locked allocator,
 * one shard of a sharded one): turns a caller's {@code now}, which may be a little behind because
 * another thread's later time got in first, into a time the guarded single-owner allocator
 * accepts.
 *
 * <p>{@link #effective} answers {@code max(now, clock)}: a late call acts at the clock. A port
 * released by such a call starts its TIME-WAIT at the clock, after the caller's own {@code now},
 * so it is never freed early from any caller's point of view, and late by at most the skew. Only
 * {@link #accepted} moves the clock, so a call rejected by the guarded allocator leaves it as it
 * was.
 *
 * <p>Not thread-safe: used under the lock it belongs to. O(1), no allocation.
 */
final class SkewClamp {

    private boolean started;
    private long clock;

    /** The time the guarded allocator should act at for a call at {@code now}. */
    long effective(long now) {
        return started && now - clock < 0 ? clock : now;
    }

    /** How far {@code now} is behind this clock (0 if not behind). */
    long behind(long now) {
        return started && now - clock < 0 ? clock - now : 0;
    }

    /** The guarded allocator accepted a call at {@code effective}. */
    void accepted(long effective) {
        started = true;
        clock = effective;
    }

    boolean started() {
        return started;
    }

    long clock() {
        return clock;
    }
}
