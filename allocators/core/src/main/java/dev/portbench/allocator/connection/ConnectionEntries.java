package dev.portbench.allocator.connection;

import java.util.Arrays;

/**
 * The (port, destination) entries of one {@link ComposedConnectionAllocator}, in parallel
 * primitive arrays indexed by entry id, with the intrusive list links the owner threads them on:
 * the TIME-WAIT FIFO, or the list of unused ids.
 *
 * <h2>Implementation notes</h2>
 * 37 bytes per entry slot: destination key and release and free-at times (8 bytes each), port
 * offset, two links (4 each), state (1). Slots are recycled through a free list; the arrays double
 * when every slot is taken, the only allocation, so memory follows the most entries ever live
 * (never the number of destinations ever seen), and steady state allocates nothing. Ids stay
 * stable across growth, so tables and lists may hold them. Not thread-safe.
 */
final class ConnectionEntries {

    static final int NIL = -1;
    static final byte UNUSED = 0;
    static final byte IN_USE = 1;
    static final byte TIME_WAIT = 2;
    /** Flag on IN_USE or TIME_WAIT: the entry was bound, and holds its port alone. */
    static final byte BOUND = 4;

    long[] destination;
    int[] offset;
    long[] releasedAt;
    long[] freeAt;
    int[] next;
    int[] prev;
    byte[] state;
    private int freeHead = NIL;
    private int used;

    ConnectionEntries(int initialCapacity) {
        destination = new long[initialCapacity];
        offset = new int[initialCapacity];
        releasedAt = new long[initialCapacity];
        freeAt = new long[initialCapacity];
        next = new int[initialCapacity];
        prev = new int[initialCapacity];
        state = new byte[initialCapacity];
        linkFree(0, initialCapacity);
    }

    int capacity() {
        return state.length;
    }

    /** Whether {@link #take} would grow the arrays. */
    boolean full() {
        return freeHead == NIL;
    }

    /** An unused id, holding (offset, destination) with {@code state}; call {@link #grow} first if {@link #full}. */
    int take(int portOffset, long dest, byte entryState) {
        int e = freeHead;
        freeHead = next[e];
        destination[e] = dest;
        offset[e] = portOffset;
        state[e] = entryState;
        used++;
        return e;
    }

    /** Returns {@code e} to the unused ids. */
    void free(int e) {
        state[e] = UNUSED;
        next[e] = freeHead;
        freeHead = e;
        used--;
    }

    /** Doubles the capacity (at most to {@code Integer.MAX_VALUE - 8}); answers the new capacity. */
    int grow() {
        int old = state.length;
        if (old >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("entries: " + old + " live (expected: fewer than " + (Integer.MAX_VALUE - 8) + ")");
        }
        int cap = (int) Math.min((long) old * 2, Integer.MAX_VALUE - 8);
        destination = Arrays.copyOf(destination, cap);
        offset = Arrays.copyOf(offset, cap);
        releasedAt = Arrays.copyOf(releasedAt, cap);
        freeAt = Arrays.copyOf(freeAt, cap);
        next = Arrays.copyOf(next, cap);
        prev = Arrays.copyOf(prev, cap);
        state = Arrays.copyOf(state, cap);
        linkFree(old, cap);
        return cap;
    }

    private void linkFree(int from, int to) {
        for (int e = to - 1; e >= from; e--) {
            next[e] = freeHead;
            freeHead = e;
        }
    }

    int used() {
        return used;
    }
}
