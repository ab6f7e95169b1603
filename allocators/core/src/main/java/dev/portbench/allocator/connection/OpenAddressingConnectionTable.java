package dev.portbench.allocator.connection;

/**
 * An open-addressing hash table of entry ids with linear probing and backward-shift deletion
 * (no tombstones), each slot holding its pair's port offset beside the id so that most probes
 * compare one int without touching the entry arrays.
 *
 * <h2>Implementation notes</h2>
 * Slots are a power of two at least twice the entry capacity: load at most 1/2, O(1) expected
 * find, insert and remove, and a removal shifts back at most the cluster after it. 16 to 32 bytes
 * per entry slot (two int arrays); rebuilt when the entries grow, no allocation otherwise.
 */
final class OpenAddressingConnectionTable implements ConnectionTable {

    private static final int EMPTY = -1;

    private final ConnectionEntries entries;
    private int[] ids;
    private int[] offsets;
    private int mask;
    private int shift;

    OpenAddressingConnectionTable(ConnectionEntries entries) {
        this.entries = entries;
        capacityChanged(entries.capacity());
    }

    private int home(int offset, long destination) {
        return (int) (ConnectionTable.hash(offset, destination) >>> shift);
    }

    @Override
    public int find(int offset, long destination) {
        long[] dst = entries.destination;
        for (int s = home(offset, destination); ; s = (s + 1) & mask) {
            int e = ids[s];
            if (e == EMPTY) {
                return ConnectionEntries.NIL;
            }
            if (offsets[s] == offset && dst[e] == destination) {
                return e;
            }
        }
    }

    @Override
    public void insert(int e) {
        int offset = entries.offset[e];
        int s = home(offset, entries.destination[e]);
        while (ids[s] != EMPTY) {
            s = (s + 1) & mask;
        }
        ids[s] = e;
        offsets[s] = offset;
    }

    @Override
    public void remove(int e) {
        int s = home(entries.offset[e], entries.destination[e]);
        while (ids[s] != e) {
            s = (s + 1) & mask;
        }
        // backward shift: move later members of the cluster into the hole when their home allows
        int hole = s;
        for (int j = (hole + 1) & mask; ids[j] != EMPTY; j = (j + 1) & mask) {
            int h = home(offsets[j], entries.destination[ids[j]]);
            if (((j - h) & mask) >= ((j - hole) & mask)) {
                ids[hole] = ids[j];
                offsets[hole] = offsets[j];
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
        java.util.Arrays.fill(ids, EMPTY);
        offsets = new int[slots];
        mask = slots - 1;
        shift = 64 - Integer.numberOfTrailingZeros(slots);
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
