package dev.portbench.nat;

/**
 * A flat open-addressing map from a key of two {@code long}s to a non-negative {@code int},
 * preallocated to twice its most entries (load at most 1/2), linear probing with backward-shift
 * deletion: no tombstones, no rehash, no allocation after construction. Get, put and remove are
 * O(1) expected. 20 bytes per cell, 40 per entry at full load. Not thread-safe.
 */
final class LongPairTable {

    static final int ABSENT = -1;

    private final long[] firstKeys;
    private final long[] secondKeys;
    private final int[] values;
    private final int mask;
    private final int maxEntries;
    private int size;

    LongPairTable(int maxEntries) {
        this.maxEntries = maxEntries;
        int cells = Integer.highestOneBit(Math.max(1, maxEntries)) << 2;
        this.firstKeys = new long[cells];
        this.secondKeys = new long[cells];
        this.values = new int[cells];
        java.util.Arrays.fill(values, ABSENT);
        this.mask = cells - 1;
    }

    int size() {
        return size;
    }

    int get(long first, long second) {
        for (int i = home(first, second); ; i = (i + 1) & mask) {
            int value = values[i];
            if (value == ABSENT) {
                return ABSENT;
            }
            if (firstKeys[i] == first && secondKeys[i] == second) {
                return value;
            }
        }
    }

    /** Inserts or overwrites; the caller keeps the entries at or below {@code maxEntries}. */
    void put(long first, long second, int value) {
        for (int i = home(first, second); ; i = (i + 1) & mask) {
            if (values[i] == ABSENT) {
                if (size == maxEntries) {
                    throw new IllegalStateException("table full at " + maxEntries + " entries");
                }
                firstKeys[i] = first;
                secondKeys[i] = second;
                values[i] = value;
                size++;
                return;
            }
            if (firstKeys[i] == first && secondKeys[i] == second) {
                values[i] = value;
                return;
            }
        }
    }

    /** Removes the key; answers its value or {@link #ABSENT}. */
    int remove(long first, long second) {
        int i = home(first, second);
        while (true) {
            int value = values[i];
            if (value == ABSENT) {
                return ABSENT;
            }
            if (firstKeys[i] == first && secondKeys[i] == second) {
                shiftBack(i);
                size--;
                return value;
            }
            i = (i + 1) & mask;
        }
    }

    private void shiftBack(int hole) {
        int i = hole;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (values[j] == ABSENT) {
                break;
            }
            int k = home(firstKeys[j], secondKeys[j]);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                firstKeys[i] = firstKeys[j];
                secondKeys[i] = secondKeys[j];
                values[i] = values[j];
                i = j;
            }
        }
        values[i] = ABSENT;
    }

    private int home(long first, long second) {
        long h = first * 0x9E37_79B9_7F4A_7C15L + second * 0xC2B2_AE3D_27D4_EB4FL;
        h ^= h >>> 32;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 29;
        return (int) h & mask;
    }
}
