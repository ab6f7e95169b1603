package dev.portbench.allocator.connection;

import java.util.Arrays;

/**
 * An open-addressing hash table of entry ids with linear probing and backward-shift deletion
 * (no tombstones). Each slot is one {@code long}: the high 32 bits of its pair's hash beside the
 * id, so a probe reads one word per slot and compares one int, the entry record is read only for
 * the one candidate whose hash matches, and a removal finds where each later member of its
 * cluster belongs without reading them at all.
 *
 * <h2>Implementation notes</h2>
 * Slots a power of two, twice the entry capacity: load at most 1/2, O(1) expected find, insert
 * and remove, and a removal shifts back at most the cluster after it. 16 bytes per entry slot
 * (one long per slot, twice the capacity); rebuilt when the entries grow, no allocation otherwise.
 */
final class OpenAddressingConnectionTable implements ConnectionTable {

    private static final long EMPTY = -1L;

    private final ConnectionEntries entries;
    /** Per slot: the pair's 32-bit hash (high half) and the entry id (low half), or {@link #EMPTY}. */
    private long[] slots;
    private int mask;
    private int shift;
    /**
     * Where the last {@link #find} that missed stopped (the empty slot its pair would go to), its
     * hash and pair, or -1: an {@link #insert} of that pair right after takes that slot without
     * hashing or probing again. Any removal or rebuild forgets it (a shift may fill the slot).
     */
    private int missSlot = -1;
    private int missHash;
    private int missOffset;
    private long missDestination;

    OpenAddressingConnectionTable(ConnectionEntries entries) {
        this.entries = entries;
        capacityChanged(entries.capacity());
    }

    private static int hash32(int offset, long destination) {
        return (int) (ConnectionTable.hash(offset, destination) >>> 32);
    }

    private int home(int h) {
        return h >>> shift;
    }

    @Override
    public int find(int offset, long destination) {
        int h = hash32(offset, destination);
        long[] t = slots;
        for (int s = home(h); ; s = (s + 1) & mask) {
            long v = t[s];
            if (v == EMPTY) {
                missSlot = s;
                missHash = h;
                missOffset = offset;
                missDestination = destination;
                return ConnectionEntries.NIL;
            }
            if ((int) (v >>> 32) == h && entries.holds((int) v, offset, destination)) {
                return (int) v;
            }
        }
    }

    @Override
    public void insert(int e) {
        int s = missSlot;
        missSlot = -1;
        if (s >= 0 && entries.holds(e, missOffset, missDestination)) {
            slots[s] = ((long) missHash << 32) | e;
            return;
        }
        int h = hash32(entries.offset(e), entries.destination(e));
        s = home(h);
        while (slots[s] != EMPTY) {
            s = (s + 1) & mask;
        }
        slots[s] = ((long) h << 32) | e;
    }

    @Override
    public void remove(int e) {
        missSlot = -1;
        int s = home(hash32(entries.offset(e), entries.destination(e)));
        while ((int) slots[s] != e) {
            s = (s + 1) & mask;
        }
        // backward shift: move later members of the cluster into the hole when their home allows
        int hole = s;
        for (int j = (hole + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
            int h = home((int) (slots[j] >>> 32));
            if (((j - h) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = EMPTY;
    }

    @Override
    public void capacityChanged(int capacity) {
        int n = Integer.highestOneBit(Math.max(2, capacity - 1)) << 2;
        long[] old = slots;
        missSlot = -1;
        slots = new long[n];
        Arrays.fill(slots, EMPTY);
        mask = n - 1;
        shift = 32 - Integer.numberOfTrailingZeros(n);
        if (old != null) {
            for (long v : old) {
                if (v != EMPTY) {
                    insert((int) v);
                }
            }
        }
    }

    @Override
    public String describe() {
        return "open-addressing (port, destination) table";
    }
}
