package dev.portbench.allocator.structure;

/**
 * The time arithmetic every allocator shares, written once so that none can overflow anywhere in
 * the 2<sup>63</sup> ns life the contract allows ({@code PortAllocator}, "Time").
 *
 * <p>An allocator's first accepted call at {@code origin} starts its life; every later instant is
 * held as {@code t = now - origin}, which is in {@code [0, 2^63)} while the allocator lives. A
 * {@code now} 2<sup>63</sup> ns or more past the origin wraps to a negative {@code t}, so it reads
 * as before the origin and is refused as time going backwards: it cannot be told apart from one,
 * as for {@link System#nanoTime()}. Comparisons are written so that no intermediate value leaves
 * the {@code long} range: {@code clock - tolerance} is at least {@code -2^63 + 1} because
 * {@code clock} and {@code tolerance} are never negative, and {@code Long.MAX_VALUE - timeWait}
 * is positive because a TIME-WAIT is. (The older form {@code clock - t > tolerance} overflows for
 * a {@code t} near {@code Long.MIN_VALUE} and accepted a call 2<sup>63</sup> ns ahead.)
 *
 * <p>O(1), no allocation; stateless, so thread-safe.
 */
final class Lifetime {

    private Lifetime() {
    }

    /**
     * {@code now} as an instant of the life started at {@code origin}, whose last accepted instant
     * is {@code clock} (relative, {@code >= 0}): {@code now - origin} if not before {@code clock};
     * {@code clock} itself if at most {@code toleranceNanos} behind it (a thread-safe allocator's
     * skew clamp; 0 for a single-owner one). Changes nothing.
     *
     * @throws IllegalArgumentException if {@code now} is further behind, or 2<sup>63</sup> ns or
     *     more past the origin (which wraps to behind)
     */
    static long relative(long now, long origin, long clock, long toleranceNanos) {
        long t = now - origin;
        if (t >= clock) {
            return t;
        }
        if (t < clock - toleranceNanos) {
            throw Checks.timeWentBackwards(now, origin, clock, toleranceNanos);
        }
        return clock;
    }

    /**
     * Whether a release at relative instant {@code t} would put its deadline {@code t + timeWait}
     * at 2<sup>63</sup> ns or more after the origin: the end of the allocator's life.
     */
    static boolean deadlinePastLife(long t, long timeWaitNanos) {
        return t > Long.MAX_VALUE - timeWaitNanos;
    }

    /** The refusal of a release of {@code port} at {@code now} whose deadline would pass the life begun at {@code origin}. */
    static IllegalStateException lifeOver(int port, long now, long origin, long timeWaitNanos) {
        return new IllegalStateException("release of port " + port + " at " + now + ": its deadline, "
                + timeWaitNanos + " ns later, would be more than 2^63-1 ns after this allocator's first call at "
                + origin + " (expected: a release at most " + (Long.MAX_VALUE - timeWaitNanos)
                + " ns after the first call; the allocator's life is over)");
    }
}
