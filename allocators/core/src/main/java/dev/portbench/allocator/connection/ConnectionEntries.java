package dev.portbench.allocator.connection;

import java.util.Arrays;

/**
 * The (port, destination) entries of one {@link ComposedConnectionAllocator}, packed as records of
 * five {@code long}s in one array, indexed by entry id, with the intrusive list links the owner
 * threads them on: the TIME-WAIT FIFO, or the list of unused ids.
 *
 * <h2>Implementation notes</h2>
 * 40 bytes per entry slot, one record: destination key; port offset and state (one word); free-at
 * and release times; the two links (next in the high 32 bits, prev in the low). One record mostly
 * sits in one 64-byte cache line, so a lookup that matches an entry, a release and an expiry
 * each touch one line of the entries, where parallel arrays (one per field) touched up to seven.
 * Slots are recycled through a free list (last freed, first taken: the record just expired is
 * the one still in cache); the array doubles when every slot is taken, the only allocation, so
 * memory follows the most entries ever live (never the number of destinations ever seen), and
 * steady state allocates nothing. Ids stay stable across growth, so tables and lists may hold
 * them. Not thread-safe.
 */
final class ConnectionEntries {

    static final int NIL = -1;
    static final byte UNUSED = 0;
    static final byte IN_USE = 1;
    static final byte TIME_WAIT = 2;
    /** Flag on IN_USE or TIME_WAIT: the entry was bound, and holds its port alone. */
    static final byte BOUND = 4;

    private static final int STRIDE = 5;
    private static final int DESTINATION = 0;
    private static final int META = 1;
    private static final int FREE_AT = 2;
    private static final int RELEASED_AT = 3;
    private static final int LINKS = 4;
    private static final long LOW = 0xFFFF_FFFFL;

    private long[] records;
    private int capacity;
    private int freeHead = NIL;
    private int used;

    ConnectionEntries(int initialCapacity) {
        records = new long[initialCapacity * STRIDE];
        capacity = initialCapacity;
        linkFree(0, initialCapacity);
    }

    int capacity() {
        return capacity;
    }

    long destination(int e) {
        return records[e * STRIDE + DESTINATION];
    }

    int offset(int e) {
        return (int) (records[e * STRIDE + META] >>> 8);
    }

    byte state(int e) {
        return (byte) records[e * STRIDE + META];
    }

    void state(int e, byte s) {
        int i = e * STRIDE + META;
        records[i] = (records[i] & ~0xFFL) | (s & 0xFFL);
    }

    /** Whether {@code e} holds (offset, destination): one record read. */
    boolean holds(int e, int portOffset, long dest) {
        int i = e * STRIDE;
        return records[i + DESTINATION] == dest && (int) (records[i + META] >>> 8) == portOffset;
    }

    long freeAt(int e) {
        return records[e * STRIDE + FREE_AT];
    }

    long releasedAt(int e) {
        return records[e * STRIDE + RELEASED_AT];
    }

    /** Moves {@code e} to TIME-WAIT (keeping its BOUND flag), released at {@code t}, free at {@code free}. */
    void toTimeWait(int e, long t, long free) {
        int i = e * STRIDE;
        long meta = records[i + META];
        records[i + META] = (meta & ~0xFFL) | ((meta & BOUND) | TIME_WAIT);
        records[i + RELEASED_AT] = t;
        records[i + FREE_AT] = free;
    }

    int next(int e) {
        return (int) (records[e * STRIDE + LINKS] >>> 32);
    }

    int prev(int e) {
        return (int) records[e * STRIDE + LINKS];
    }

    void next(int e, int n) {
        int i = e * STRIDE + LINKS;
        records[i] = ((long) n << 32) | (records[i] & LOW);
    }

    void prev(int e, int p) {
        int i = e * STRIDE + LINKS;
        records[i] = (records[i] & ~LOW) | (p & LOW);
    }

    void links(int e, int n, int p) {
        records[e * STRIDE + LINKS] = ((long) n << 32) | (p & LOW);
    }

    /** Whether {@link #take} would grow the array. */
    boolean full() {
        return freeHead == NIL;
    }

    /** An unused id, holding (offset, destination) with {@code state}; call {@link #grow} first if {@link #full}. */
    int take(int portOffset, long dest, byte entryState) {
        int e = freeHead;
        int i = e * STRIDE;
        freeHead = (int) (records[i + LINKS] >>> 32);
        records[i + DESTINATION] = dest;
        records[i + META] = ((long) portOffset << 8) | (entryState & 0xFFL);
        used++;
        return e;
    }

    /** Returns {@code e} to the unused ids. */
    void free(int e) {
        int i = e * STRIDE;
        records[i + META] = UNUSED;
        records[i + LINKS] = ((long) freeHead << 32) | LOW;
        freeHead = e;
        used--;
    }

    /** Doubles the capacity (at most to {@code (Integer.MAX_VALUE - 8) / 5} ids); answers the new capacity. */
    int grow() {
        int old = capacity;
        int max = (Integer.MAX_VALUE - 8) / STRIDE;
        if (old >= max) {
            throw new IllegalStateException("entries: " + old + " live (expected: fewer than " + max + ")");
        }
        int cap = (int) Math.min((long) old * 2, max);
        records = Arrays.copyOf(records, cap * STRIDE);
        capacity = cap;
        linkFree(old, cap);
        return cap;
    }

    private void linkFree(int from, int to) {
        for (int e = to - 1; e >= from; e--) {
            records[e * STRIDE + LINKS] = ((long) freeHead << 32) | LOW;
            freeHead = e;
        }
    }

    int used() {
        return used;
    }
}
