package dev.portbench.allocator.connection;

import java.util.Arrays;

/**
 * An open-addressing hash table of entry ids with linear probing and backward-shift deletion
 * (no tombstones). Each slot keeps the high 32 bits of its pair's hash beside the id, so a probe
 * compares one int, the entry arrays are read only for the one candidate whose hash matches, and
 * a removal finds where each later member of its cluster belongs without reading them at all.
 *
 * <h2>Implementation notes</h2>
 * Slots a power of two, twice the entry capacity: load at most 1/2, O(1) expected find, insert
 * and remove, and a removal shifts back at most the cluster after it. 16 bytes per entry slot
 * (two int arrays of twice the capacity); rebuilt when the entries grow, no allocation otherwise.
 */
final class OpenAddressingConnectionTable implements ConnectionTable {

    private static final int EMPTY = -1;

    private final ConnectionEntries entries;
    private int[] ids;
    private int[] hashes;
    private int mask;
    private int shift;

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
        int[] off = entries.offset;
        long[] dst = entries.destination;
        for (int s = home(h); ; s = (s + 1) & mask) {
            int e = ids[s];
            if (e == EMPTY) {
                return ConnectionEntries.NIL;
            }
            if (hashes[s] == h && off[e] == offset && dst[e] == destination) {
                return e;
            }
        }
    }

    @Override
    public void insert(int e) {
        int h = hash32(entries.offset[e], entries.destination[e]);
        int s = home(h);
        while (ids[s] != EMPTY) {
            s = (s + 1) & mask;
        }
        ids[s] = e;
        hashes[s] = h;
    }

    @Override
    public void remove(int e) {
        int s = home(hash32(entries.offset[e], entries.destination[e]));
        while (ids[s] != e) {
            s = (s + 1) & mask;
        }
        // backward shift: move later members of the cluster into the hole when their home allows
        int hole = s;
        for (int j = (hole + 1) & mask; ids[j] != EMPTY; j = (j + 1) & mask) {
            int h = home(hashes[j]);
            if (((j - h) & mask) >= ((j - hole) & mask)) {
                ids[hole] = ids[j];
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        ids[hole] = EMPTY;
    }

    @Override
    public void capacityChanged(int capacity) {
        int slots = Integer.highestOneBit(Math.max(2, capacity - 1)) << 2;
        int[] oldIds = ids;
        ids = new int[slots];
        Arrays.fill(ids, EMPTY);
        hashes = new int[slots];
        mask = slots - 1;
        shift = 32 - Integer.numberOfTrailingZeros(slots);
        if (oldIds != null) {
            for (int e : oldIds) {
                if (e != EMPTY) {
                    insert(e);
                }
            }
        }
    }

    @Override
    public String describe() {
        return "open-addressing (port, destination) table";
    }
}
