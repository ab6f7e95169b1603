package dev.portbench.allocator.structure;

/**
 * TIME-WAIT ports in a hashed timing wheel (Varghese and Lauck 1987, scheme 4): one slot per
 * tick, covering a whole TIME-WAIT so no slot ever holds two revolutions. Expiry is never early
 * and less than one tick late: a port is freed at the first tick boundary at or after its deadline.
 *
 * <h2>Implementation notes</h2>
 * A deadline {@code d} goes to tick {@code ceil(d / tick)}, slot {@code tick & mask}, and is
 * freed once the clock reaches that tick's start: never before {@code d}, less than one tick
 * after it. Each slot is an intrusive doubly-linked list over port-indexed arrays, so add and
 * remove (reclaim) are O(1). A bitmap of non-empty slots lets {@link #expire} skip empty slots a
 * word at a time.
 *
 * <p>Costs: add and remove O(1). {@link #expire} is one comparison until the next tick starts;
 * then O(ports freed + ticks elapsed / 64), and never more than one revolution of the bitmap,
 * however far the clock jumped: work per expiry step is bounded by the ports it frees plus
 * {@code slots / 64} word reads. {@link #nextExpiry} is O(slots / 64).
 *
 * <p>Memory: 12 bytes per port, plus 4 bytes per slot and one bit per slot; slots are the next
 * power of two above {@code ceil(timeWait / tick) + 1}, at least 64: 256 for 240 s at 1 s ticks.
 */
final class TimingWheelTimeWaitQueue implements TimeWaitQueue {

    private static final int NIL = -1;

    private final long tickNanos;
    private final int mask;
    private final int[] slotHead;
    private final long[] nonEmpty;
    private final int[] next;
    private final int[] prev;
    private final int[] slotOf;
    private int count;
    /** The earliest tick not yet expired; every queued port's tick lies in [cursorTick, cursorTick + slots). */
    private long cursorTick;
    /** {@code cursorTick * tickNanos}: expire has nothing to do before this time. */
    private long cursorStart;

    TimingWheelTimeWaitQueue(int size, long timeWaitNanos, long tickNanos) {
        this.tickNanos = tickNanos;
        long ticksPerTimeWait = (timeWaitNanos + tickNanos - 1) / tickNanos;
        int slots = Math.max(64, Integer.highestOneBit((int) (ticksPerTimeWait + 1)) << 1);
        this.mask = slots - 1;
        this.slotHead = new int[slots];
        java.util.Arrays.fill(slotHead, NIL);
        this.nonEmpty = new long[(slots + 63) >>> 6];
        this.next = new int[size];
        this.prev = new int[size];
        this.slotOf = new int[size];
    }

    @Override
    public long endOf(int offset) {
        // every queued tick lies in [cursorTick, cursorTick + slots): the slot gives the tick
        long tick = cursorTick + ((slotOf[offset] - cursorTick) & mask);
        return tick * tickNanos;
    }

    /** The number of slots in the wheel. */
    int slots() {
        return mask + 1;
    }

    @Override
    public void add(int offset, long deadline) {
        long tick = deadline / tickNanos + (deadline % tickNanos == 0 ? 0 : 1);
        if (count == 0) {
            cursorTick = tick;
            cursorStart = tick * tickNanos;
        }
        int slot = (int) tick & mask;
        int h = slotHead[slot];
        next[offset] = h;
        prev[offset] = NIL;
        if (h == NIL) {
            nonEmpty[slot >>> 6] |= 1L << slot;
        } else {
            prev[h] = offset;
        }
        slotHead[slot] = offset;
        slotOf[offset] = slot;
        count++;
    }

    @Override
    public void remove(int offset) {
        int p = prev[offset];
        int n = next[offset];
        if (p == NIL) {
            int slot = slotOf[offset];
            slotHead[slot] = n;
            if (n == NIL) {
                nonEmpty[slot >>> 6] &= ~(1L << slot);
            }
        } else {
            next[p] = n;
        }
        if (n != NIL) {
            prev[n] = p;
        }
        count--;
    }

    @Override
    public int expire(long now, ExpiredPortSink sink) {
        if (now < cursorStart || count == 0) {
            return 0;
        }
        long nowTick = now / tickNanos;
        long ticksDue = nowTick - cursorTick + 1;
        int reach = ticksDue >= slots() ? slots() : (int) ticksDue;
        int from = (int) cursorTick & mask;
        int freed = 0;
        int distance = nextNonEmpty(from, 0);
        while (distance >= 0 && distance < reach) {
            int slot = (from + distance) & mask;
            int o = slotHead[slot];
            slotHead[slot] = NIL;
            nonEmpty[slot >>> 6] &= ~(1L << slot);
            while (o != NIL) {
                int n = next[o];
                sink.expired(o);
                freed++;
                o = n;
            }
            distance = nextNonEmpty(from, distance + 1);
        }
        count -= freed;
        cursorTick = nowTick + 1;
        cursorStart = cursorTick * tickNanos;
        return freed;
    }

    /**
     * The distance, counted from slot {@code from} and at least {@code minDistance}, of the next
     * non-empty slot going round the wheel, or -1 if no slot within one revolution is non-empty.
     */
    private int nextNonEmpty(int from, int minDistance) {
        int slots = slots();
        int d = minDistance;
        while (d < slots) {
            int slot = (from + d) & mask;
            long bits = nonEmpty[slot >>> 6] & (-1L << slot);
            if (bits != 0) {
                // In the last word of a revolution a bit at or after 'from' is one already passed.
                int distance = d + Long.numberOfTrailingZeros(bits) - (slot & 63);
                return distance < slots ? distance : -1;
            }
            d += 64 - (slot & 63);
        }
        return -1;
    }

    @Override
    public long nextExpiry() {
        int from = (int) cursorTick & mask;
        int distance = nextNonEmpty(from, 0);
        return (cursorTick + distance) * tickNanos;
    }

    @Override
    public long maxLatenessNanos() {
        return tickNanos;
    }

    @Override
    public String describe() {
        return "hashed timing wheel of " + slots() + " slots x " + tickNanos + " ns, intrusive slot lists";
    }
}
