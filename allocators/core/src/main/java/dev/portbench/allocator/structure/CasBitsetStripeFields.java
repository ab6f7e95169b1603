package dev.portbench.allocator.structure;

/**
 * The fields of one stripe of a {@link CasBitsetPortAllocator}: its words of the bitset, its
 * TIME-WAIT FIFO and clock under the stripe's lock, its published horizon; {@link CasBitsetStripe}
 * pads them onto cache lines of their own.
 */
abstract class CasBitsetStripeFields implements ExpiredPortSink {
    final int index;
    final int firstWord;
    final int endWord;
    final int firstOffset;
    final FifoTimeWaitQueue timeWait;
    final boolean[] inTimeWait;
    final long[] pending;
    /** Ports queued in {@link #timeWait}; under the lock. */
    int queued;
    /** Whether a call has set this stripe's clock; under the lock. */
    boolean started;
    /** The first accepted call's time: {@link #timeWait} holds deadlines relative to it. */
    long origin;
    /** The last accepted time, relative to {@link #origin}; under the lock. */
    long clock;
    /** The safe horizon (absolute), once {@link #horizonKnown}: read without the lock. */
    volatile long horizon;
    volatile boolean horizonKnown;
    /** The word the callers homed here start from: a hint, written without ordering. */
    int cursor;
    /** The word of the first port freed since the last publication, or -1; under the lock. */
    int oldestPendingWord = -1;
    /** The span of words holding pending ports (empty when low > high); under the lock. */
    int pendingLow = Integer.MAX_VALUE;
    int pendingHigh = -1;
    /** Candidate ports examined by callers homed here; added atomically. */
    volatile long probes;

    CasBitsetStripeFields(int index, int firstWord, int endWord, int firstOffset, int ports, long[] pending) {
        this.index = index;
        this.firstWord = firstWord;
        this.endWord = endWord;
        this.firstOffset = firstOffset;
        this.timeWait = new FifoTimeWaitQueue(ports);
        this.inTimeWait = new boolean[ports];
        this.pending = pending;
        this.cursor = firstWord;
    }

    /** Whether no TIME-WAIT of this stripe can be due at {@code now}, now or later. */
    final boolean safeAt(long now) {
        return horizonKnown && now - horizon < 0;
    }

    /**
     * The time a call at {@code now} acts at: {@code max(now, clock)}, compared without
     * overflow ({@link Lifetime#relative}; any skew: {@link SharedClock} bounds it).
     */
    final long effective(long now) {
        return started ? origin + Lifetime.relative(now, origin, clock, Long.MAX_VALUE) : now;
    }

    /**
     * With the lock held: moves the clock to {@code effective(now)}, marks the ports due by
     * then as pending (to be published by the caller), answers that time.
     */
    final long expireAt(long now) {
        long t = effective(now);
        if (!started) {
            started = true;
            origin = t;
        }
        clock = t - origin;
        if (queued > 0) {
            timeWait.expire(clock, this);
        }
        return clock;
    }

    @Override
    public final void expired(int local) {
        inTimeWait[local] = false;
        queued--;
        markPending(firstOffset + local);
    }

    /** With the lock held: {@code offset}, of this stripe, is free; published by the next publication. */
    final void markPending(int offset) {
        int w = offset >>> 6;
        pending[w] |= 1L << offset;
        if (oldestPendingWord < 0) {
            oldestPendingWord = w;
        }
        pendingLow = Math.min(pendingLow, w);
        pendingHigh = Math.max(pendingHigh, w);
    }

    /** With the lock held, after any change: the earliest deadline, or the clock plus the TIME-WAIT. */
    final void updateHorizon(long timeWaitNanos) {
        horizon = origin + (queued > 0 ? timeWait.nextExpiry() : clock + timeWaitNanos);
        horizonKnown = true;
    }
}
