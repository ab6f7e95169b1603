package dev.portbench.allocator.connection;

import dev.portbench.allocator.structure.Structures;

import java.util.Arrays;

/**
 * Per live destination: how many entries it has and where its sequential search resumes, in an
 * open-addressing table of primitive arrays (linear probing, backward-shift deletion). A
 * destination is in the table only while it has entries, so the table is bounded by the live
 * destinations, never by all destinations ever seen.
 *
 * <h2>Implementation notes</h2>
 * Slots a power of two, load at most 1/2: O(1) expected per operation. 17 bytes per slot, so 34
 * to 136 bytes per live destination; doubles when half full, halves when an eighth full (above 16
 * slots), the only allocations. Not thread-safe.
 */
final class DestinationTable {

    private static final int MIN_SLOTS = 16;

    private long[] keys;
    private int[] counts;
    private int[] cursors;
    private boolean[] used;
    private int mask;
    private int live;
    /**
     * The slot the last successful {@link #find} answered and its key, or -1: a connect finds its
     * destination, then adds its entry, and the second lookup costs no hash. Forgotten on every
     * removal of a key (a backward shift moves keys) and every resize.
     */
    private int lastSlot = -1;
    private long lastKey;

    DestinationTable() {
        allocate(MIN_SLOTS);
    }

    private void allocate(int slots) {
        keys = new long[slots];
        counts = new int[slots];
        cursors = new int[slots];
        used = new boolean[slots];
        mask = slots - 1;
    }

    private int home(long key) {
        return (int) (Structures.mix(key) & mask);
    }

    /** The slot of {@code key}, or -1. */
    int find(long key) {
        if (lastSlot >= 0 && lastKey == key) {
            return lastSlot;
        }
        for (int s = home(key); ; s = (s + 1) & mask) {
            if (!used[s]) {
                return -1;
            }
            if (keys[s] == key) {
                lastSlot = s;
                lastKey = key;
                return s;
            }
        }
    }

    int count(int slot) {
        return counts[slot];
    }

    int cursor(int slot) {
        return cursors[slot];
    }

    /** One more entry for {@code key}; its search resumes at {@code cursor}. */
    void added(long key, int cursor) {
        int s = find(key);
        if (s < 0) {
            if (2 * (live + 1) > keys.length) {
                resize(keys.length * 2);
            }
            s = home(key);
            while (used[s]) {
                s = (s + 1) & mask;
            }
            used[s] = true;
            keys[s] = key;
            counts[s] = 0;
            live++;
        }
        counts[s]++;
        cursors[s] = cursor;
    }

    /** One entry fewer for {@code key}, which has at least one. */
    void removed(long key) {
        int s = find(key);
        if (--counts[s] > 0) {
            return;
        }
        live--;
        lastSlot = -1;
        int hole = s;
        for (int j = (hole + 1) & mask; used[j]; j = (j + 1) & mask) {
            int h = home(keys[j]);
            if (((j - h) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                counts[hole] = counts[j];
                cursors[hole] = cursors[j];
                hole = j;
            }
        }
        used[hole] = false;
        if (keys.length > MIN_SLOTS && 8 * live < keys.length) {
            resize(keys.length / 2);
        }
    }

    private void resize(int slots) {
        long[] k = keys;
        int[] c = counts;
        int[] r = cursors;
        boolean[] u = used;
        lastSlot = -1;
        allocate(slots);
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                int s = home(k[i]);
                while (used[s]) {
                    s = (s + 1) & mask;
                }
                used[s] = true;
                keys[s] = k[i];
                counts[s] = c[i];
                cursors[s] = r[i];
            }
        }
    }

    /** Live destinations. */
    int size() {
        return live;
    }

    @Override
    public String toString() {
        return "DestinationTable{live=" + live + ", slots=" + keys.length + ", counts=" + Arrays.toString(counts) + "}";
    }
}
