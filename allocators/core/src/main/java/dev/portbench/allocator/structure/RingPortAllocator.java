package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

/**
 * A {@link PortAllocator} built as one ring of ports and one word per port, with the free pool
 * and the TIME-WAIT queue fused: the cheapest checked allocator of the library, and the smallest
 * exact one (12 bytes per port plus about 100 bytes).
 *
 * <h2>Implementation notes</h2>
 * <b>Layout.</b> {@code ring} (an {@code int[]} sized to the range) holds every port that is not
 * in use, in two consecutive segments: the free ports from {@code head} (least recently used
 * first), then the ports in TIME-WAIT from {@code boundary} in release order, which is deadline
 * order (one constant TIME-WAIT, a clock that never goes back). A port in use is in neither, so
 * the ring never overflows. {@code stamp} (a {@code long[]} per port) is the port's state and
 * deadline in one word: its relative deadline (never negative) while in TIME-WAIT, or one of the
 * negative markers {@code IN_USE}, {@code FREE}, {@code RECLAIMED}. Expiry is moving
 * {@code boundary} past a due port: the port is already where the free segment ends.
 *
 * <p><b>Lazy expiry.</b> No call walks the TIME-WAIT segment on the hot path. {@code allocate}
 * takes the free segment's head; only when the free segment is empty does it look at the oldest
 * TIME-WAIT port and take it if due (on demand). The queries ({@code timeWaitCount},
 * {@code freeCount}, {@code nextExpiryTime}) and {@code expire} first settle: they move the
 * boundary past every port due at the last accepted time, so every count is exact at that time.
 * Each port is passed once, so settling is O(1) amortized; one settle after k ports fell due at
 * once is O(k), unless the allocator has an expiry quota (below).
 *
 * <p><b>Reclaim</b> marks the port {@code RECLAIMED} in place: it is free (counted so) but its
 * slot stays in the TIME-WAIT segment (a tombstone) until settling or allocation reaches it. When
 * {@code allocate} finds the free segment empty, the oldest TIME-WAIT port not due, and
 * tombstones present, it compacts the TIME-WAIT segment once: a stable partition that moves every
 * tombstone to the free segment, O(TIME-WAIT ports). While nothing was reclaimed no tombstone test
 * runs at all.
 *
 * <p><b>Expiry quota</b> ({@link AllocatorConfig#expiryQuota()}, 0 = none). With a quota q,
 * {@code expire} frees at most q due ports per call and the queries free none (they only pass
 * tombstones, so consecutive queries agree); the rest stay counted in TIME-WAIT until later
 * {@code expire} calls free them, except that {@code allocate} still takes a due port on demand
 * when no other is free, so a quota never makes an allocation fail. Work per {@code expire} call:
 * at most q slots of the TIME-WAIT segment passed (due ports and tombstones alike, one read of the
 * ring, one of the stamp and one store each), so its expiry work is O(q) whatever fell due or was
 * reclaimed: measured (2-core machine, {@code ./portbench expiry-calls --allocators ring --quota 64},
 * docs/benchmarks.md) about 1 ns per port freed warm (1.9 before this loop ran over locals), and
 * a few hundred ns for the first call after a mass timeout, whose slots are cold in cache.
 * Added lateness: a port due while b slots (due ports or tombstones)
 * are ahead of it is freed by the ceil((b+1)/q)-th {@code expire} call after its deadline, or by
 * the first {@code allocate} that needs it; never early. Until then
 * {@code nextExpiryTime} may answer a deadline already passed: the next {@code expire} frees it.
 * {@link #maxLatenessNanos()} answers 0 without a quota and {@code Long.MAX_VALUE} with one (the
 * lateness is counted in calls, not in time).
 *
 * <p>Costs: allocate O(1) (O(TIME-WAIT ports) for a compaction after a reclaim, only when the
 * pool is dry); release O(1); reclaim O(1); expire and queries O(ports freed) amortized O(1),
 * at most O(q) with a quota. No allocation after construction. Selection: least recently used
 * (HAProxy's {@code port_range}), except that a reclaimed port waits in its TIME-WAIT slot and is
 * handed out when settling, allocation or compaction reaches it. Checks as
 * {@link ComposedPortAllocator}: every call is checked before anything changes.
 *
 * <p>Not thread-safe.
 */
class RingPortAllocator extends RangeAllocatorBase implements PortAllocator {

    private static final long IN_USE = -1;
    private static final long FREE = -2;
    private static final long RECLAIMED = -3;

    private final int quota;
    /** How far behind the clock a call may be and still act at the clock (0: not at all). */
    private final long skewTolerance;
    private final int[] ring;
    private final long[] stamp;

    /** First free port; {@code freeLength} free ports follow it. */
    private int head;
    private int freeLength;
    /** First TIME-WAIT slot, just past the free segment; {@code waitLength} slots follow it. */
    private int boundary;
    private int waitLength;
    /** Just past the last TIME-WAIT slot, where releases append. */
    private int tail;

    private int inUse;
    /** TIME-WAIT slots holding a port still in TIME-WAIT (not reclaimed); some may be due. */
    private int inTimeWait;
    /** TIME-WAIT slots holding a reclaimed (free) port. */
    private int tombstones;
    private long probes;
    private boolean started;
    private long origin;
    private long clock;

    RingPortAllocator(String name, AllocatorConfig config) {
        this(name, config, 1);
    }

    /**
     * {@code addresses} copies of {@code config}'s range side by side (see
     * {@link Structures#ringSideBySide}); 1 for the normal allocator.
     */
    RingPortAllocator(String name, AllocatorConfig config, int addresses) {
        this(name, config, addresses, 0);
    }

    /**
     * As above, a call at most {@code skewToleranceNanos} behind the clock acting at the clock (the
     * thread-safe subclass's clamp; 0 for a single-owner ring).
     */
    RingPortAllocator(String name, AllocatorConfig config, int addresses, long skewToleranceNanos) {
        super(name, config.firstPort(), Math.addExact(config.firstPort(), Math.multiplyExact(config.rangeSize(), addresses) - 1),
                config.timeWaitNanos());
        this.skewTolerance = skewToleranceNanos;
        int size = Math.multiplyExact(config.rangeSize(), addresses);
        this.quota = config.expiryQuota() == 0 ? Integer.MAX_VALUE : config.expiryQuota();
        this.ring = new int[size];
        this.stamp = new long[size];
        for (int offset = 0; offset < size; offset++) {
            ring[offset] = offset;
            stamp[offset] = FREE;
        }
        this.freeLength = size;
        this.boundary = 0; // == head + size, wrapped
        this.tail = 0;
    }

    @Override
    public int allocate(long now, long destination) {
        long t = relative(now);
        commit(now, t);
        if (freeLength == 0 && !refill(t)) {
            return NO_PORT;
        }
        int offset = ring[head];
        head = next(head);
        freeLength--;
        probes++;
        stamp[offset] = IN_USE;
        inUse++;
        return firstPort + offset;
    }

    /**
     * The free segment being empty, makes it hold at least one port if any is free at {@code t}:
     * the oldest TIME-WAIT slot if its port is due or reclaimed (on demand), else every tombstone
     * by one compaction. Answers false if no port is free.
     */
    private boolean refill(long t) {
        if (waitLength == 0) {
            return false;
        }
        int offset = ring[boundary];
        long s = stamp[offset];
        if (s <= t) { // due, or RECLAIMED (negative)
            if (s == RECLAIMED) {
                tombstones--;
            } else {
                inTimeWait--;
            }
            stamp[offset] = FREE;
            boundary = next(boundary);
            waitLength--;
            freeLength++;
            return true;
        }
        if (tombstones == 0) {
            return false;
        }
        compact();
        return true;
    }

    /**
     * Moves every tombstone of the TIME-WAIT segment to its front, keeping the TIME-WAIT ports in
     * order (a stable partition by swaps, walking back from the tail), then makes those slots the
     * free segment's end. O(waitLength).
     */
    private void compact() {
        int size = ring.length;
        int write = waitLength - 1;
        for (int read = waitLength - 1; read >= 0; read--) {
            int r = wrap(boundary + read, size);
            int port = ring[r];
            if (stamp[port] != RECLAIMED) {
                int w = wrap(boundary + write, size);
                ring[r] = ring[w];
                ring[w] = port;
                write--;
            }
        }
        int moved = tombstones;
        for (int i = 0; i < moved; i++) {
            stamp[ring[wrap(boundary + i, size)]] = FREE;
        }
        boundary = wrap(boundary + moved, size);
        freeLength += moved;
        waitLength -= moved;
        tombstones = 0;
    }

    @Override
    public void release(int port, long now) {
        int offset = offsetOf(port);
        long t = relative(now);
        long s = stamp[offset];
        if (s != IN_USE) {
            throw new IllegalStateException("release of port " + port + ": it is " + stateName(s, t)
                    + " (expected: in use)");
        }
        if (Lifetime.deadlinePastLife(t, timeWaitNanos)) {
            throw Lifetime.lifeOver(port, now, started ? origin : now, timeWaitNanos);
        }
        commit(now, t);
        stamp[offset] = t + timeWaitNanos;
        ring[tail] = offset;
        tail = next(tail);
        waitLength++;
        inUse--;
        inTimeWait++;
    }

    @Override
    public boolean reclaim(int port, long now) {
        int offset = offsetOf(port);
        long t = relative(now);
        commit(now, t);
        long s = stamp[offset];
        if (s < 0 || (s <= t && quota == Integer.MAX_VALUE)) {
            return false; // free, in use, or due (already free in the counts) without a quota
        }
        stamp[offset] = RECLAIMED;
        inTimeWait--;
        tombstones++;
        return true;
    }

    @Override
    public int expire(long now) {
        long t = relative(now);
        commit(now, t);
        return settle(quota);
    }

    /**
     * Moves the boundary past due ports and tombstones at the TIME-WAIT segment's head, freeing at
     * most {@code limit} due ports; answers how many it freed. With a quota ({@code limit} below
     * {@code Integer.MAX_VALUE} and not 0) every slot passed counts against the limit, tombstones
     * too, so one call passes at most {@code limit} slots; the queries ({@code limit} 0) pass only
     * tombstones. One pass over locals, the fields written once at the end.
     */
    private int settle(int limit) {
        int n = waitLength;
        if (n == 0) {
            return 0;
        }
        final int[] r = ring;
        final long[] st = stamp;
        final int size = r.length;
        final long t = clock;
        final int slots = limit == 0 || limit == Integer.MAX_VALUE ? n : Math.min(n, limit);
        int b = boundary;
        int passed = 0;
        int freed = 0;
        int passedTombstones = 0;
        while (passed < slots) {
            int offset = r[b];
            long s = st[offset];
            if (s == RECLAIMED) {
                passedTombstones++;
            } else if (s <= t && freed < limit) {
                freed++;
            } else {
                break;
            }
            st[offset] = FREE;
            b = b + 1 == size ? 0 : b + 1;
            passed++;
        }
        boundary = b;
        waitLength = n - passed;
        freeLength += passed;
        tombstones -= passedTombstones;
        inTimeWait -= freed;
        return freed;
    }

    /**
     * What a query may free: everything due without a quota (so the counts are exact), nothing
     * with one (so that consecutive queries agree: rangeSize = inUse + timeWait + free).
     */
    private int queryLimit() {
        return quota == Integer.MAX_VALUE ? Integer.MAX_VALUE : 0;
    }

    @Override
    public long nextExpiryTime() {
        settle(queryLimit());
        if (inTimeWait == 0) {
            throw new IllegalStateException("nextExpiryTime: no port is in TIME-WAIT (timeWaitCount() == 0)");
        }
        return origin + stamp[ring[boundary]];
    }

    @Override
    public int timeWaitCount() {
        settle(queryLimit());
        return inTimeWait;
    }

    @Override
    public int freeCount() {
        return ring.length - inUse - timeWaitCount();
    }

    @Override
    public int inUseCount() {
        return inUse;
    }

    /** Whether a call was accepted yet (the clock below means something). */
    final boolean isStarted() {
        return started;
    }

    /** The time of the last accepted call, as the caller passed it (after the skew clamp). */
    final long lastTime() {
        return origin + clock;
    }

    private void commit(long now, long t) {
        if (!started) {
            started = true;
            origin = now;
        }
        clock = t;
    }

    /**
     * As {@link ComposedPortAllocator}: {@code now} relative to the origin, checked by
     * {@link Lifetime#relative} (a call at most the skew tolerance behind acts at the clock);
     * changes nothing.
     */
    private long relative(long now) {
        return started ? Lifetime.relative(now, origin, clock, skewTolerance) : 0;
    }

    private int offsetOf(int port) {
        if (port < firstPort || port > lastPort) {
            throw Checks.portOutsideRange(port, firstPort, lastPort);
        }
        return port - firstPort;
    }

    private String stateName(long s, long t) {
        if (s == IN_USE) {
            return "in use";
        }
        if (s >= 0 && (s > t || quota != Integer.MAX_VALUE)) {
            return "in TIME-WAIT";
        }
        if (s >= 0) {
            return "free, its TIME-WAIT ended at " + (origin + s);
        }
        return "free";
    }

    private int next(int index) {
        return index + 1 == ring.length ? 0 : index + 1;
    }

    private static int wrap(int index, int size) {
        return index >= size ? index - size : index;
    }

    @Override
    public long maxLatenessNanos() {
        return quota == Integer.MAX_VALUE ? 0 : Long.MAX_VALUE;
    }

    @Override
    public long probes() {
        return probes;
    }

    @Override
    public PortSelection selection() {
        return PortSelection.LEAST_RECENTLY_USED;
    }

    @Override
    public String description() {
        return "one int[] ring (free ports, least recently used first, then TIME-WAIT ports in release order) and one long "
                + "per port (state and deadline); lazy exact expiry, tombstones for reclaim"
                + (quota == Integer.MAX_VALUE ? "" : "; at most " + quota + " ports freed per call");
    }

    @Override
    public String toString() {
        int timeWait = timeWaitCount();
        return name + "{ports=" + firstPort + "-" + lastPort + ", inUse=" + inUse + ", timeWait="
                + timeWait + ", free=" + (ring.length - inUse - timeWait) + "}";
    }
}
